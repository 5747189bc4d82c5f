import { Column, is, type Query, SQL, sql, type SQLWrapper } from "drizzle-orm";
import { PgDialect, QueryBuilder, type SelectedFieldsOrdered } from "drizzle-orm/pg-core";
import type { TenantDb } from "./tenant_db.ts";

/** A select made by drizzle's standalone query builder: its SQL and what it selects. */
export interface BuiltSelect<Row> extends SQLWrapper {
  readonly _: { readonly selectedFields: Record<string, unknown>; readonly result: Row[] };
}

/** A studio database or an open transaction on one. */
type Runner = Pick<TenantDb, "_">;

const dialect = new PgDialect();

/**
 * A select whose SQL text is built once per process, then run with new values (drizzle's
 * `sql.placeholder`) on any studio database or open transaction. Drizzle otherwise builds the text
 * on every run, walking each column and condition: on the create-booking path that was a quarter
 * of the app server's CPU (docs/BENCHMARKS.md, Scheduling). Placeholders are passed to the driver
 * as they are, without a column's encoding: cast them in SQL (`${sql.placeholder("at")}::timestamptz`).
 *
 * ```ts
 * const roomById = new ReusableSelect((qb) => qb.select().from(rooms).where(eq(rooms.id, sql.placeholder("id"))));
 * const [room] = await roomById.run(tx, { id });
 * ```
 */
export class ReusableSelect<Row> {
  #compiled?: { query: Query; fields: SelectedFieldsOrdered };

  constructor(private readonly build: (qb: QueryBuilder) => BuiltSelect<Row>) {}

  async run(db: Runner, values: Record<string, unknown>): Promise<Row[]> {
    const { query, fields } = this.#compiled ??= compile(this.build(new QueryBuilder()));
    const prepared = db._.session.prepareQuery<{ execute: Row[]; all: unknown; values: unknown }>(
      query,
      fields,
      undefined,
      true,
    );
    return await prepared.execute(values);
  }
}

/**
 * Reusable selects of one statement whose text depends on a few counts (how many time spans, how
 * many ids): one per shape met, up to `limit` shapes; rarer shapes are built for each run.
 */
export class ReusableSelects<Shape, Row> {
  #byShape = new Map<string, ReusableSelect<Row>>();

  constructor(
    private readonly build: (qb: QueryBuilder, shape: Shape) => BuiltSelect<Row>,
    private readonly limit = 64,
  ) {}

  run(db: Runner, shape: Shape, values: Record<string, unknown>): Promise<Row[]> {
    const key = JSON.stringify(shape);
    let select = this.#byShape.get(key);
    if (!select) {
      select = new ReusableSelect((qb) => this.build(qb, shape));
      if (this.#byShape.size < this.limit) this.#byShape.set(key, select);
    }
    return select.run(db, values);
  }
}

/** Placeholders `${prefix}0`, `${prefix}1`, … for a list whose length is part of a statement's shape. */
export const listPlaceholders = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => sql.placeholder(`${prefix}${i}`));

/** The values of listPlaceholders(prefix, items.length). */
export const listValues = (prefix: string, items: readonly unknown[]): Record<string, unknown> =>
  Object.fromEntries(items.map((item, i) => [`${prefix}${i}`, item]));

/** How drizzle maps a row of a flat selection (columns or SQL by name) back to an object. */
export function flatFields(selection: Record<string, unknown>): SelectedFieldsOrdered {
  return Object.entries(selection).map(([name, field]) => {
    // Nested selections (a table's columns under one key) need drizzle's join bookkeeping.
    if (!is(field, Column) && !is(field, SQL) && !is(field, SQL.Aliased)) {
      throw new Error(`ReusableSelect takes flat selections: "${name}" is not a column or SQL.`);
    }
    return { path: [name], field };
  }) as SelectedFieldsOrdered;
}

function compile<Row>(select: BuiltSelect<Row>): { query: Query; fields: SelectedFieldsOrdered } {
  return { query: dialect.sqlToQuery(select.getSQL()), fields: flatFields(select._.selectedFields) };
}
