import {
  type Column,
  getTableColumns,
  type InferInsertModel,
  type InferSelectModel,
  type Query,
  sql,
} from "drizzle-orm";
import { PgDialect, type PgTable, type SelectedFieldsOrdered } from "drizzle-orm/pg-core";
import { flatFields } from "./reusable_select.ts";
import type { TenantDb } from "./tenant_db.ts";

/** A studio database or an open transaction on one. */
type Writer = Pick<TenantDb, "_" | "insert">;

const dialect = new PgDialect();

/**
 * An insert of rows that set the same columns, its SQL text built once per row count and then run
 * with new values on any studio database or open transaction — what ReusableSelect is to selects
 * (drizzle otherwise rebuilds the text on every run, a parameter per column and row). Each row
 * gives every listed column a value (undefined is stored as null); the other columns take their
 * defaults, so none of them may have a `$defaultFn`. Values are encoded by their columns, as
 * drizzle's own inserts encode them. The statement is sent when `run` is called, so statements of
 * one transaction started one after another run in that order.
 *
 * ```ts
 * const insertNote = new ReusableInsert(notes, ["id", "text"], { returning: true });
 * const [note] = await insertNote.run(tx, [{ id, text }]);
 * ```
 */
export class ReusableInsert<T extends PgTable> {
  readonly #table: T;
  readonly #columns: [string, Column][];
  readonly #returning?: SelectedFieldsOrdered;
  readonly #byCount = new Map<number, Query>();

  constructor(
    table: T,
    columns: (keyof InferInsertModel<T> & string)[],
    options: { returning?: boolean } = {},
  ) {
    const all = getTableColumns(table) as Record<string, Column>;
    for (const [name, column] of Object.entries(all)) {
      if (column.defaultFn && !columns.includes(name as keyof InferInsertModel<T> & string)) {
        throw new Error(
          `ReusableInsert: ${name} has a $defaultFn, which a reused text would freeze; list it.`,
        );
      }
    }
    this.#table = table;
    this.#columns = columns.map((name) => [name, all[name]]);
    if (options.returning) {
      this.#returning = flatFields(all);
    }
  }

  /** Inserts `rows` (none: no statement) and answers the inserted rows when built with `returning`. */
  async run(db: Writer, rows: InferInsertModel<T>[]): Promise<InferSelectModel<T>[]> {
    if (rows.length === 0) return [];
    const values: Record<string, unknown> = {};
    rows.forEach((row, i) => {
      for (const [name, column] of this.#columns) {
        const value = (row as Record<string, unknown>)[name];
        values[`${name}${i}`] = value === undefined || value === null ? null : column.mapToDriverValue(value);
      }
    });
    const prepared = db._.session.prepareQuery<
      { execute: InferSelectModel<T>[]; all: unknown; values: unknown }
    >(this.#query(db, rows.length), this.#returning, undefined, true);
    const inserted = await prepared.execute(values);
    return this.#returning ? inserted : [];
  }

  #query(db: Writer, count: number): Query {
    let query = this.#byCount.get(count);
    if (!query) {
      // SQL-wrapped placeholders: drizzle would wrap bare ones in a column Param and encode them again.
      const rows = Array.from(
        { length: count },
        (_, i) =>
          Object.fromEntries(this.#columns.map(([name]) => [name, sql`${sql.placeholder(`${name}${i}`)}`])),
      );
      const insert = db.insert(this.#table).values(rows as InferInsertModel<T>[]);
      query = dialect.sqlToQuery((this.#returning ? insert.returning() : insert).getSQL());
      if (this.#byCount.size < 64) this.#byCount.set(count, query);
    }
    return query;
  }
}
