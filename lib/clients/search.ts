import { and, arrayContains, asc, eq, gt, inArray, isNotNull, isNull, not, type SQL, sql } from "drizzle-orm";
import { clientContacts, clients } from "../../db/schema/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import {
  type ClientSearch,
  type ClientSearchInput,
  clientSearchSchema,
  parseClientSchema,
} from "./client_input.ts";

/** At most this many words of a query count; the rest would only slow the search down. */
const MAX_TERMS = 6;

/** One client in a list of results. */
export interface ClientListItem {
  id: string;
  kind: "person" | "band" | "company";
  name: string;
  artistName: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  country: string | null;
  tags: string[];
  archivedAt: Date | null;
  /** With a search, the contact whose name or e-mail matched when the client's own did not. */
  matchedContact: string | null;
}

export interface ClientPage {
  items: ClientListItem[];
  /** How many clients match in all. */
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  search: ClientSearch;
}

/**
 * The words of a search, lowercased: a client matches when its names and e-mails hold every one of
 * them (in any order), or one of its contacts does. Repeats and words inside others are dropped.
 */
export function searchTerms(query: string): string[] {
  const words = [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))];
  const kept = words.filter((w) => !words.some((other) => other !== w && other.includes(w)));
  return kept.slice(0, MAX_TERMS);
}

/** `%term%` for LIKE, with the term's own `\`, `%` and `_` escaped (backslash is LIKE's default escape). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The pattern is lowercased in SQL, as the search text was when it was stored, so the database's
 * idea of lowercase (locale-dependent for accented letters) applies to both alike. The searched
 * columns carry the trigram indexes (db/schema/clients.ts) that serve these LIKEs.
 */
function allTermsIn(
  text: typeof clients.searchText | typeof clientContacts.searchText,
  terms: string[],
): SQL {
  return and(...terms.map((term) => sql`${text} LIKE lower(${containsPattern(term)})`))!;
}

/** The ids of clients matching every term in their own text or in one contact's (repeats are harmless under IN). */
export function matchingClientIds(db: TenantDb, terms: string[]) {
  return db.select({ id: clients.id }).from(clients).where(allTermsIn(clients.searchText, terms))
    .unionAll(
      db.select({ id: clientContacts.clientId }).from(clientContacts)
        .where(allTermsIn(clientContacts.searchText, terms)),
    );
}

/** The clients a search selects: archived or current, with the tag, matching every term. */
function searchCondition(db: TenantDb, search: ClientSearch): SQL {
  const terms = searchTerms(search.q);
  const conditions: SQL[] = [search.archived ? isNotNull(clients.archivedAt) : isNull(clients.archivedAt)];
  if (search.tag) conditions.push(arrayContains(clients.tags, [search.tag]));
  if (terms.length) conditions.push(inArray(clients.id, matchingClientIds(db, terms)));
  return and(...conditions)!;
}

/**
 * The ids of the clients a search selects, in id order after `afterId`, `limit` at a time: exports
 * walk every match this way, whatever the count.
 */
export async function searchClientIds(
  db: TenantDb,
  input: ClientSearchInput,
  page: { afterId?: string; limit: number },
): Promise<string[]> {
  const search = parseClientSchema(clientSearchSchema, input);
  const where = page.afterId
    ? and(searchCondition(db, search), gt(clients.id, page.afterId))
    : searchCondition(db, search);
  const rows = await db.select({ id: clients.id }).from(clients).where(where).orderBy(asc(clients.id)).limit(
    page.limit,
  );
  return rows.map((r) => r.id);
}

/** For clients found through a contact (their own text does not match), that contact's name. */
async function contactsThatMatched(
  db: TenantDb,
  ids: string[],
  terms: string[],
): Promise<Map<string, string>> {
  const rows = await db.selectDistinctOn([clientContacts.clientId], {
    clientId: clientContacts.clientId,
    name: clientContacts.name,
  }).from(clientContacts)
    .innerJoin(clients, eq(clients.id, clientContacts.clientId))
    .where(and(
      inArray(clientContacts.clientId, ids),
      allTermsIn(clientContacts.searchText, terms),
      not(allTermsIn(clients.searchText, terms)),
    ))
    .orderBy(clientContacts.clientId, clientContacts.position);
  return new Map(rows.map((r) => [r.clientId, r.name]));
}

/**
 * One page of clients in name order, filtered by a search (any part of a name or e-mail, the
 * contacts' too), a tag, and archived or current. The page number is clamped to the last page.
 *
 * ```ts
 * const { items, total } = await searchClients(db, { q: "tides", page: 1 });
 * ```
 */
export async function searchClients(db: TenantDb, input: ClientSearchInput = {}): Promise<ClientPage> {
  const search = parseClientSchema(clientSearchSchema, input);
  const terms = searchTerms(search.q);
  const where = searchCondition(db, search);
  const { pageSize } = search;
  const columns = {
    id: clients.id,
    kind: clients.kind,
    name: clients.name,
    artistName: clients.artistName,
    email: clients.email,
    phone: clients.phone,
    city: clients.city,
    country: clients.country,
    tags: clients.tags,
    archivedAt: clients.archivedAt,
  };
  const pageOf = (page: number, withTotal: boolean) =>
    db.select({
      ...columns,
      total: withTotal ? sql<number>`count(*) OVER ()`.mapWith(Number) : sql<number>`0`,
    })
      .from(clients).where(where)
      .orderBy(sql`lower(${clients.name})`, asc(clients.id))
      .limit(pageSize).offset((page - 1) * pageSize);
  const countAll = async () =>
    (await db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(clients).where(where))[0].total;

  let page = search.page;
  let total: number;
  let rows;
  if (terms.length) {
    // One pass over the matches gives the page and, by the window, their count.
    rows = await pageOf(page, true);
    total = rows[0]?.total ?? 0;
    if (rows.length === 0 && page > 1) {
      // Past the last page (an old link): count, then show the last page.
      total = await countAll();
      page = Math.max(1, Math.ceil(total / pageSize));
      rows = total ? await pageOf(page, true) : [];
    }
  } else {
    // Without a search the page comes from the name index; counting apart is cheaper than a window.
    total = await countAll();
    page = Math.min(page, Math.max(1, Math.ceil(total / pageSize)));
    rows = total ? await pageOf(page, false) : [];
  }
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const throughContact = terms.length && rows.length
    ? await contactsThatMatched(db, rows.map((r) => r.id), terms)
    : new Map<string, string>();
  const items = rows.map(({ total: _total, ...row }) => ({
    ...row,
    matchedContact: throughContact.get(row.id) ?? null,
  }));
  return { items, total, page, pageSize, pages, search: { ...search, page } };
}

/** The list's query string from its parts, without the defaults, so links stay short. */
export function searchQueryString(
  search: { q?: string; tag?: string; archived?: boolean; page?: number },
): string {
  const params = new URLSearchParams();
  if (search.q) params.set("q", search.q);
  if (search.tag) params.set("tag", search.tag);
  if (search.archived) params.set("show", "archived");
  if (search.page && search.page > 1) params.set("page", String(search.page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The list's search from its query string: the inverse of {@link searchQueryString}. */
export function searchFromParams(params: URLSearchParams): ClientSearchInput {
  return {
    q: params.get("q") ?? "",
    tag: params.get("tag") ?? "",
    archived: params.get("show") === "archived",
    page: params.get("page") ?? 1,
  };
}
