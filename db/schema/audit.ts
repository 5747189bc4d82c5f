import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Who acted: a staff member, a client (portal), an API key, or the system (jobs, webhooks). */
export type AuditActorType = "staff" | "client" | "api_key" | "system";

/** One field's value before and after a change; absent sides mean created or deleted. */
export type AuditChanges = Record<string, { before?: unknown; after?: unknown }>;

/**
 * The studio's audit log: who did what, to which record, when and from where. Rows are written in
 * the same transaction as the change they describe and never updated.
 */
export const auditLog = pgTable("audit_log", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  actorType: text("actor_type").$type<AuditActorType>().notNull(),
  actorId: text("actor_id"),
  /** How the actor read at the time (a name or e-mail), so the log stays readable after they leave. */
  actorLabel: text("actor_label"),
  /** Dotted, e.g. "auth.sign_in", "auth.sign_in_failed", "client.updated". */
  action: text("action").notNull(),
  entityType: text("entity_type"),
  entityId: text("entity_id"),
  changes: jsonb("changes").$type<AuditChanges>(),
  ip: text("ip"),
  userAgent: text("user_agent"),
}, (table) => [
  index("audit_log_at_idx").on(table.at),
  index("audit_log_entity_idx").on(table.entityType, table.entityId),
  index("audit_log_actor_idx").on(table.actorType, table.actorId),
]);
