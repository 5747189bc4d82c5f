import { z } from "@hono/zod-openapi";
import { CLIENT_KINDS, type ClientInput } from "../../clients/client_input.ts";
import {
  type Client,
  createClient,
  getClient,
  setClientArchived,
  updateClient,
} from "../../clients/clients.ts";
import { searchClients } from "../../clients/search.ts";
import { apiActingAs } from "../auth.ts";
import { decodeCursor, encodeCursor, pageQuery, pageSchema } from "../pagination.ts";
import { problemResponse } from "../problems.ts";
import { type ApiResource, apiRoute } from "../route.ts";

const text = z.string().nullable();

const ContactSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: text,
  email: text,
  phone: text,
});

export const ClientSchema = z.object({
  id: z.string().openapi({ example: "cli_01JD8X3Z7W5M9Q2R4T6V8X0Y1Z" }),
  kind: z.enum(CLIENT_KINDS),
  name: z.string(),
  artistName: text,
  email: text,
  phone: text,
  extraEmails: z.array(z.string()),
  extraPhones: z.array(z.string()),
  addressLine1: text,
  addressLine2: text,
  postalCode: text,
  city: text,
  region: text,
  country: text.openapi({ description: "ISO 3166-1 alpha-2." }),
  taxId: text,
  locale: text,
  currency: text.openapi({ description: "ISO 4217: documents for the client are issued in it." }),
  tags: z.array(z.string()),
  contacts: z.array(ContactSchema),
  version: z.number().int().openapi({ description: "Send it back with a change; a stale one is a 409." }),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
}).openapi("Client");

const ListItem = ClientSchema.pick({
  id: true,
  kind: true,
  name: true,
  artistName: true,
  email: true,
  phone: true,
  city: true,
  country: true,
  tags: true,
  archivedAt: true,
}).openapi("ClientListItem");

// The domain validates fully (lib/clients/client_input.ts); these schemas document the shapes.
const optional = z.string().nullable().optional();
const ClientWrite = z.object({
  // Plain strings: the domain checks every field at once, so a 422 lists all that are wrong.
  kind: z.string().openapi({ description: `One of ${CLIENT_KINDS.join(", ")}.` }),
  name: z.string(),
  artistName: optional,
  email: optional,
  phone: optional,
  extraEmails: z.array(z.string()).optional(),
  extraPhones: z.array(z.string()).optional(),
  addressLine1: optional,
  addressLine2: optional,
  postalCode: optional,
  city: optional,
  region: optional,
  country: optional,
  taxId: optional,
  locale: optional,
  currency: optional,
  tags: z.array(z.string()).optional(),
  contacts: z.array(z.object({
    id: z.string().optional().openapi({ description: "Keep an existing contact by naming it." }),
    name: z.string(),
    role: optional,
    email: optional,
    phone: optional,
  })).optional(),
}).openapi("ClientWrite");

const ClientReplace = ClientWrite.extend({ version: z.number().int() }).openapi("ClientReplace");

const IdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });

function clientJson(client: Client): z.infer<typeof ClientSchema> {
  return {
    id: client.id,
    kind: client.kind,
    name: client.name,
    artistName: client.artistName,
    email: client.email,
    phone: client.phone,
    extraEmails: client.extraEmails,
    extraPhones: client.extraPhones,
    addressLine1: client.addressLine1,
    addressLine2: client.addressLine2,
    postalCode: client.postalCode,
    city: client.city,
    region: client.region,
    country: client.country,
    taxId: client.taxId,
    locale: client.locale,
    currency: client.currency,
    tags: client.tags,
    contacts: client.contacts.map((c) => ({
      id: c.id,
      name: c.name,
      role: c.role,
      email: c.email,
      phone: c.phone,
    })),
    version: client.version,
    archivedAt: client.archivedAt?.toISOString() ?? null,
    createdAt: client.createdAt.toISOString(),
  };
}

const list = apiRoute({
  method: "get",
  path: "/clients",
  operationId: "listClients",
  tags: ["Clients"],
  summary: "Clients in name order; `q` matches any part of a name or e-mail, contacts' too",
  permission: "clients.view",
  request: {
    query: z.object({
      q: z.string().optional(),
      tag: z.string().optional(),
      archived: z.enum(["true", "false"]).optional().openapi({ description: "Archived clients instead." }),
      ...pageQuery,
    }),
  },
  responses: {
    200: { description: "One page of clients.", content: json(pageSchema(ListItem, "ClientPage")) },
  },
});

const getOne = apiRoute({
  method: "get",
  path: "/clients/{id}",
  operationId: "getClient",
  tags: ["Clients"],
  summary: "One client with its contacts",
  permission: "clients.view",
  request: { params: IdParams },
  responses: { 200: { description: "The client.", content: json(ClientSchema) } },
});

const create = apiRoute({
  method: "post",
  path: "/clients",
  operationId: "createClient",
  tags: ["Clients"],
  summary: "Create a client (artist, band or company) with its contacts",
  permission: "clients.manage",
  request: { body: { required: true, content: json(ClientWrite) } },
  responses: { 201: { description: "Created.", content: json(ClientSchema) } },
});

const replace = apiRoute({
  method: "put",
  path: "/clients/{id}",
  operationId: "replaceClient",
  tags: ["Clients"],
  summary: "Replace a client's details and contacts (absent optional fields are cleared)",
  permission: "clients.manage",
  request: { params: IdParams, body: { required: true, content: json(ClientReplace) } },
  responses: {
    200: { description: "Saved.", content: json(ClientSchema) },
    409: problemResponse("The client changed since `version`: read it again."),
  },
});

const archive = (archived: boolean) =>
  apiRoute({
    method: "post",
    path: `/clients/{id}/${archived ? "archive" : "restore"}`,
    operationId: archived ? "archiveClient" : "restoreClient",
    tags: ["Clients"],
    summary: archived ? "Archive a client (its history is kept)" : "Restore an archived client",
    permission: "clients.manage",
    request: { params: IdParams },
    responses: { 200: { description: "Done.", content: json(ClientSchema) } },
  });

/** `/clients`: search, read, create, replace, archive and restore. */
export const clients: ApiResource = (api) => {
  api.openapi(list, async (c) => {
    const query = c.req.valid("query");
    const page = decodeCursor(query.after, z.object({ page: z.number().int().min(2) }))?.page ?? 1;
    const result = await searchClients(c.get("studio")!.db, {
      q: query.q ?? "",
      tag: query.tag ?? "",
      archived: query.archived === "true",
      page,
      pageSize: query.limit,
    });
    // Past the last page the search clamps to it; an API page past the end is simply empty.
    const items = result.page === page ? result.items : [];
    let next: string | null = null;
    if (items.length && page < result.pages) {
      const url = new URL(c.req.url);
      url.searchParams.set("limit", String(query.limit));
      url.searchParams.set("after", encodeCursor({ page: page + 1 }));
      next = url.pathname + url.search;
      c.header("Link", `<${next}>; rel="next"`);
    }
    const data = items.map(({ matchedContact: _m, ...item }) => ({
      ...item,
      archivedAt: item.archivedAt?.toISOString() ?? null,
    }));
    return c.json({ data, next }, 200);
  });

  api.openapi(getOne, async (c) => {
    return c.json(clientJson(await getClient(c.get("studio")!.db, c.req.valid("param").id)), 200);
  });

  api.openapi(create, async (c) => {
    return c.json(
      clientJson(await createClient(c.get("studio")!.db, c.req.valid("json") as ClientInput, apiActingAs(c))),
      201,
    );
  });

  api.openapi(replace, async (c) => {
    const { version, ...input } = c.req.valid("json");
    const db = c.get("studio")!.db;
    const client = await updateClient(
      db,
      c.req.valid("param").id,
      input as ClientInput,
      version,
      apiActingAs(c),
    );
    return c.json(clientJson(client), 200);
  });

  for (const archived of [true, false]) {
    api.openapi(archive(archived), async (c) => {
      const db = c.get("studio")!.db;
      const { id } = c.req.valid("param");
      await setClientArchived(db, id, archived, apiActingAs(c));
      return c.json(clientJson(await getClient(db, id)), 200);
    });
  }
};
