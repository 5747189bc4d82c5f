import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { ValidationError } from "../errors.ts";

/**
 * Cursor pagination for list endpoints: `?limit=` (1–100, default 50) and `?after=<cursor>`, where
 * the cursor is opaque to clients (base64url JSON of the last row's sort key). A page answers
 * `{ data, next }`; `next` is the link to the following page, or null on the last one, and is also
 * sent as `Link: <…>; rel="next"`.
 *
 * ```ts
 * const query = z.object({ ...pageQuery, action: z.string().optional() });
 * const { limit, after } = c.req.valid("query");
 * const rows = await listThings(db, { afterId: decodeCursor(after, z.number().int()), limit: limit + 1 });
 * return c.json(pageOf(c, rows, limit, (row) => row.id), 200);
 * ```
 */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;
// A cursor is a sort key or two; anything longer was not made by us.
const MAX_CURSOR_LENGTH = 512;

/** Query fields every list endpoint spreads into its query schema. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).openapi({
    description: `Items per page, 1–${MAX_PAGE_SIZE}.`,
    example: DEFAULT_PAGE_SIZE,
  }),
  after: z.string().max(MAX_CURSOR_LENGTH).optional().openapi({
    description: "The cursor from the previous page's `next` link; absent for the first page.",
  }),
};

/** The response body of a list endpoint: the page's items and the link to the next page. */
export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z.object({
    data: z.array(item),
    next: z.string().nullable().openapi({
      description: "The path and query of the next page (resolve it against this request's URL), or null.",
      example: "/api/v1/audit?limit=50&after=eyJpZCI6NDJ9",
    }),
  }).openapi(name);
}

/** An opaque cursor for `value` (a sort key). */
export function encodeCursor(value: unknown): string {
  return encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(value)));
}

/**
 * The sort key in a cursor, checked against `schema`; undefined for no cursor. A cursor we did not
 * make is a ValidationError on `after` (422), never a 500.
 */
export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(decodeBase64urlIgnorePadding(cursor)),
    );
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

/**
 * The page to answer from `rows`, fetched with `limit + 1` so one extra row tells whether another
 * page follows. `cursorOf` gives the sort key of a page's last row.
 */
export function pageOf<T>(
  c: Context,
  rows: T[],
  limit: number,
  cursorOf: (last: T) => unknown,
): { data: T[]; next: string | null } {
  const data = rows.slice(0, limit);
  if (rows.length <= limit || data.length === 0) return { data, next: null };
  // Relative (path and query): behind a TLS-terminating proxy the request URL's scheme is not the
  // client's, and a relative reference resolves against whatever URL the client used.
  const url = new URL(c.req.url);
  url.searchParams.set("limit", String(limit));
  url.searchParams.set("after", encodeCursor(cursorOf(data.at(-1)!)));
  const next = url.pathname + url.search;
  c.header("Link", `<${next}>; rel="next"`);
  return { data, next };
}

function invalidCursor(): ValidationError {
  return new ValidationError({
    after: "This cursor is not valid: use the `next` link of the previous page.",
  });
}
