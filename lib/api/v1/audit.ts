import { z } from "@hono/zod-openapi";
import { type AuditRow, listAudit } from "../../audit/audit.ts";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "../pagination.ts";
import { type ApiResource, apiRoute } from "../route.ts";

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string().openapi({ format: "date-time", example: "2025-03-01T09:30:00.000Z" }),
  actor: z.object({
    type: z.enum(["staff", "client", "api_key", "system"]),
    id: z.string().nullable(),
    label: z.string().nullable().openapi({
      description: "How the actor read at the time: an e-mail, a key's name.",
    }),
  }),
  action: z.string().openapi({ example: "apikey.created" }),
  entity: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() }))
    .nullable().openapi({ description: "Each changed field's value before and after." }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
}).openapi("AuditEntry");

const instant = z.iso.datetime({ offset: true }).optional();

export const AuditQuery = z.object({
  action: z.string().max(200).optional().openapi({ example: "auth.sign_in" }),
  actor: z.string().max(200).optional().openapi({ description: "An actor id: `u_…` or `key_…`." }),
  entityType: z.string().max(200).optional().openapi({ example: "api_key" }),
  from: instant.openapi({ description: "Entries at or after this instant (RFC 3339)." }),
  to: instant.openapi({ description: "Entries before this instant (RFC 3339)." }),
  ...pageQuery,
});

export const listAuditEntries = apiRoute({
  method: "get",
  path: "/audit",
  operationId: "listAuditEntries",
  tags: ["Audit"],
  summary: "The studio's audit log, newest first",
  permission: "audit.view",
  request: { query: AuditQuery },
  responses: {
    200: {
      description: "One page of entries.",
      content: { "application/json": { schema: pageSchema(AuditEntrySchema, "AuditPage") } },
    },
  },
});

function entryOf(row: AuditRow): z.infer<typeof AuditEntrySchema> {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    action: row.action,
    entity: row.entityType ? { type: row.entityType, id: row.entityId } : null,
    changes: row.changes,
    ip: row.ip,
    userAgent: row.userAgent,
  };
}

/** `GET /audit`: the page /app/audit shows, for owners' tools (exports, a SIEM). */
export const audit: ApiResource = (api) => {
  api.openapi(listAuditEntries, async (c) => {
    const query = c.req.valid("query");
    const rows = await listAudit(c.get("studio")!.db, {
      action: query.action,
      actorId: query.actor,
      entityType: query.entityType,
      from: query.from,
      to: query.to,
      beforeId: decodeCursor(query.after, z.number().int().positive()),
      limit: query.limit + 1,
    });
    return c.json(pageOf(c, rows.map(entryOf), query.limit, (last) => last.id), 200);
  });
};
