import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  inArray,
  isNotNull,
  isNull,
  notInArray,
  sql,
} from "drizzle-orm";
import { clientContacts, clientNotes, clients } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit, recordAudits } from "../audit/audit.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import {
  type ClientData,
  type ClientInput,
  clientInputSchema,
  type ContactData,
  type NoteInput,
  noteInputSchema,
  parseClientSchema,
} from "./client_input.ts";

type Tx = Parameters<Parameters<TenantDb["transaction"]>[0]>[0];
/** A database or an open transaction. */
type Db = TenantDb | Tx;

export type ClientRow = Omit<typeof clients.$inferSelect, "searchText">;
export type ClientContact = Omit<typeof clientContacts.$inferSelect, "searchText">;
export type ClientNote = typeof clientNotes.$inferSelect;

/** A client with its contacts in their order. */
export interface Client extends ClientRow {
  contacts: ClientContact[];
}

/** The columns a client and a contact are read with: everything but the generated search text. */
const { searchText: _searchText, ...CLIENT_COLUMNS } = getTableColumns(clients);
const { searchText: _contactSearchText, ...CONTACT_COLUMNS } = getTableColumns(clientContacts);

/** Fields that change on every write and tell an audit reader nothing. */
const NOT_AUDITED = ["updatedAt", "createdAt", "version", "id"];

/** A contact as the audit log shows it: what staff typed, without ids and timestamps. */
const auditedContact = (c: Pick<ClientContact, "name" | "role" | "email" | "phone">) => ({
  name: c.name,
  role: c.role,
  email: c.email,
  phone: c.phone,
});

function auditedClient(client: Client): Record<string, unknown> {
  const { contacts, ...row } = client;
  return { ...row, contacts: contacts.map(auditedContact) };
}

/** A new client's audited fields: only those given, so the log shows what was entered. */
function enteredFields(snapshot: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(snapshot).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)),
  );
}

/** The client row's own columns from validated input (contacts are written separately). */
function clientColumns(data: ClientData) {
  const { contacts: _contacts, ...columns } = data;
  return columns;
}

/**
 * Creates a client with its contacts, audited as `client.created`, in one transaction.
 *
 * ```ts
 * const client = await createClient(db, { kind: "band", name: "The Tides" }, actingAs(ctx));
 * ```
 */
export async function createClient(db: TenantDb, input: ClientInput, acting: ActingAs): Promise<Client> {
  const data = parseClientSchema(clientInputSchema, input);
  const [client] = await db.transaction((tx) => insertClients(tx, [{ data }], acting, "client.created"));
  return client;
}

/** Rows per INSERT: far below Postgres's 65,535 parameters, large enough that 5,000 clients take a few. */
const CHUNK = 500;

/**
 * Inserts validated clients, their contacts, a first note each when given, and one audit row per
 * client (`action`), inside the caller's transaction, a few statements per 500 clients: the CSV
 * import writes thousands at once.
 */
export async function insertClients(
  tx: Tx,
  items: { data: ClientData; note?: string }[],
  acting: ActingAs,
  action: string,
): Promise<Client[]> {
  const now = new Date();
  const created: Client[] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    const chunk = items.slice(start, start + CHUNK);
    const ids = chunk.map(() => newId("cli"));
    const inserted = await tx.insert(clients)
      .values(
        chunk.map(({ data }, i) => ({ id: ids[i], ...clientColumns(data), createdAt: now, updatedAt: now })),
      )
      .returning(CLIENT_COLUMNS);
    // RETURNING's order is not promised; the ids we made are.
    const byId = new Map(inserted.map((row) => [row.id, row]));
    const rows = ids.map((id) => byId.get(id)!);
    const contactRows = chunk.flatMap(({ data }, i) =>
      data.contacts.map((c, position) => ({
        id: newId("contact"),
        clientId: rows[i].id,
        ...contactColumns(c),
        position,
        createdAt: now,
        updatedAt: now,
      }))
    );
    const contacts = contactRows.length
      ? await tx.insert(clientContacts).values(contactRows).returning(CONTACT_COLUMNS)
      : [];
    const contactsOf = Map.groupBy(contacts, (c) => c.clientId);
    const batch = rows.map((row) => ({
      ...row,
      contacts: (contactsOf.get(row.id) ?? []).toSorted((a, b) => a.position - b.position),
    }));
    const notes = chunk.flatMap(({ note }, i) => note ? [{ clientId: rows[i].id, body: note }] : []);
    if (notes.length) {
      await tx.insert(clientNotes).values(
        notes.map((n) => ({ id: newId("note"), ...noteAuthor(acting), ...n })),
      );
    }
    await recordAudits(tx, [
      ...batch.map((client) => ({
        ...acting,
        action,
        entity: { type: "client", id: client.id },
        changes: changedFields(null, enteredFields(auditedClient(client)), [...NOT_AUDITED, "archivedAt"]),
      })),
      ...notes.map((n) => noteAudit(n.clientId, n.body, acting)),
    ]);
    created.push(...batch);
  }
  return created;
}

const contactColumns = (c: ContactData) => ({ name: c.name, role: c.role, email: c.email, phone: c.phone });

/** A client with its contacts; NotFoundError when there is none with that id. */
export async function getClient(db: Db, id: string): Promise<Client> {
  const [row] = await db.select(CLIENT_COLUMNS).from(clients).where(eq(clients.id, id));
  if (!row) throw new NotFoundError("No client with this id.");
  const contacts = await db.select(CONTACT_COLUMNS).from(clientContacts).where(
    eq(clientContacts.clientId, id),
  )
    .orderBy(asc(clientContacts.position), asc(clientContacts.id));
  return { ...row, contacts };
}

/**
 * Replaces a client's details and contacts with `input`, audited as `client.updated` with the fields
 * that changed. `version` is the one the editor started from: a client changed since then is a
 * ConflictError, so nobody overwrites an edit they never saw. Contacts keep their ids when `input`
 * names them; those left out are removed.
 */
export async function updateClient(
  db: TenantDb,
  id: string,
  input: ClientInput,
  version: number,
  acting: ActingAs,
): Promise<Client> {
  const data = parseClientSchema(clientInputSchema, input);
  return await db.transaction(async (tx) => {
    const before = await lockedClient(tx, id);
    if (before.version !== version) throw staleEdit();
    const known = new Set(before.contacts.map((c) => c.id));
    if (data.contacts.some((c) => c.id && !known.has(c.id))) throw staleEdit();

    const now = new Date();
    const [row] = await tx.update(clients)
      .set({ ...clientColumns(data), updatedAt: now, version: before.version + 1 })
      .where(eq(clients.id, id))
      .returning(CLIENT_COLUMNS);
    const kept = data.contacts.flatMap((c) => c.id ? [c.id] : []);
    await tx.delete(clientContacts).where(
      kept.length
        ? and(eq(clientContacts.clientId, id), notInArray(clientContacts.id, kept))
        : eq(clientContacts.clientId, id),
    );
    for (const [position, contact] of data.contacts.entries()) {
      if (contact.id) {
        await tx.update(clientContacts).set({ ...contactColumns(contact), position, updatedAt: now })
          .where(eq(clientContacts.id, contact.id));
      } else {
        await tx.insert(clientContacts).values({
          id: newId("contact"),
          clientId: id,
          ...contactColumns(contact),
          position,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    const after = { ...row, contacts: await getClient(tx, id).then((c) => c.contacts) };
    const changes = changedFields(auditedClient(before), auditedClient(after), NOT_AUDITED);
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, { ...acting, action: "client.updated", entity: { type: "client", id }, changes });
    }
    return after;
  });
}

function staleEdit(): ConflictError {
  return new ConflictError("This client was changed by someone else since the page was opened.");
}

/** The client, its row locked until the transaction ends so concurrent edits queue up. */
async function lockedClient(tx: Tx, id: string): Promise<Client> {
  const [locked] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, id)).for("update");
  if (!locked) throw new NotFoundError("No client with this id.");
  return await getClient(tx, id);
}

/**
 * Archives a client (out of the list and searches, its bookings and history kept) or restores it;
 * audited as `client.archived` / `client.restored`. Doing what is already done changes nothing.
 */
export async function setClientArchived(
  db: TenantDb,
  id: string,
  archived: boolean,
  acting: ActingAs,
): Promise<ClientRow> {
  return await db.transaction(async (tx) => {
    const before = await lockedClient(tx, id);
    if ((before.archivedAt !== null) === archived) {
      const { contacts: _contacts, ...row } = before;
      return row;
    }
    const now = new Date();
    const [row] = await tx.update(clients)
      .set({ archivedAt: archived ? now : null, updatedAt: now, version: before.version + 1 })
      .where(eq(clients.id, id))
      .returning(CLIENT_COLUMNS);
    await recordAudit(tx, {
      ...acting,
      action: archived ? "client.archived" : "client.restored",
      entity: { type: "client", id },
      changes: { archivedAt: { before: before.archivedAt, after: row.archivedAt } },
    });
    return row;
  });
}

/** Adds a dated note to a client's history, attributed to the actor; audited as `client.note_added`. */
export async function addClientNote(
  db: TenantDb,
  clientId: string,
  input: NoteInput,
  acting: ActingAs,
): Promise<ClientNote> {
  const { body } = parseClientSchema(noteInputSchema, input);
  return await db.transaction(async (tx) => {
    const [client] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId));
    if (!client) throw new NotFoundError("No client with this id.");
    return await insertNote(tx, clientId, body, acting);
  });
}

async function insertNote(tx: Tx, clientId: string, body: string, acting: ActingAs): Promise<ClientNote> {
  const [note] = await tx.insert(clientNotes).values({
    id: newId("note"),
    clientId,
    body,
    ...noteAuthor(acting),
  })
    .returning();
  await recordAudit(tx, noteAudit(clientId, body, acting));
  return note;
}

const noteAuthor = (acting: ActingAs) => ({
  authorId: acting.actor.id ?? null,
  authorLabel: acting.actor.label ?? null,
});

const noteAudit = (clientId: string, body: string, acting: ActingAs) => ({
  ...acting,
  action: "client.note_added",
  entity: { type: "client", id: clientId },
  changes: { note: { after: body } },
});

/** A client's notes, newest first. */
export async function listClientNotes(db: Db, clientId: string, limit = 100): Promise<ClientNote[]> {
  return await db.select().from(clientNotes).where(eq(clientNotes.clientId, clientId))
    .orderBy(desc(clientNotes.createdAt), desc(clientNotes.id)).limit(limit);
}

/** Clients whose main e-mail is one of `emails` (ignoring case): the import warns about them. */
export async function clientsByEmail(
  db: Db,
  emails: readonly string[],
): Promise<{ id: string; name: string; email: string }[]> {
  if (emails.length === 0) return [];
  const lowered = [...new Set(emails.map((e) => e.toLowerCase()))];
  const rows = await db.select({ id: clients.id, name: clients.name, email: clients.email }).from(clients)
    .where(and(isNotNull(clients.email), inArray(sql`lower(${clients.email})`, lowered)));
  return rows.map((r) => ({ ...r, email: r.email! }));
}

/**
 * Clients with their contacts in id order, one keyset batch at a time (after `afterId`).
 * `archived` picks archived or current clients.
 */
export async function clientBatch(
  db: Db,
  options: { afterId?: string; limit: number; archived?: boolean },
): Promise<Client[]> {
  const conditions = [options.archived ? isNotNull(clients.archivedAt) : isNull(clients.archivedAt)];
  if (options.afterId) conditions.push(gt(clients.id, options.afterId));
  const rows = await db.select(CLIENT_COLUMNS).from(clients).where(and(...conditions))
    .orderBy(asc(clients.id)).limit(options.limit);
  return await withContacts(db, rows);
}

/** The clients with these ids and their contacts, in id order (exports of a search). */
export async function clientsByIds(db: Db, ids: string[]): Promise<Client[]> {
  if (ids.length === 0) return [];
  const rows = await db.select(CLIENT_COLUMNS).from(clients).where(inArray(clients.id, ids))
    .orderBy(asc(clients.id));
  return await withContacts(db, rows);
}

async function withContacts(db: Db, rows: ClientRow[]): Promise<Client[]> {
  if (rows.length === 0) return [];
  const contacts = await db.select(CONTACT_COLUMNS).from(clientContacts)
    .where(inArray(clientContacts.clientId, rows.map((r) => r.id)))
    .orderBy(asc(clientContacts.clientId), asc(clientContacts.position), asc(clientContacts.id));
  const byClient = Map.groupBy(contacts, (c) => c.clientId);
  return rows.map((row) => ({ ...row, contacts: byClient.get(row.id) ?? [] }));
}
