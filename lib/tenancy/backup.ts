/**
 * Portable backup and restore of one studio's database: a gzip-compressed NDJSON document that any
 * driver (PGlite, postgres-js, Neon) writes and any driver restores.
 *
 * ```text
 * {"format":"rsm-backup","formatVersion":1,"schemaVersion":2,"migrations":[…],"tenantId":…,"slug":…,"createdAt":…}
 * {"table":"clients","columns":["id","name",…],"types":["integer","text",…]}
 * ["1","Ana",…]                    ← one line per row: each value null or the column's Postgres text
 * …                                  form (bytea: base64), so every type round-trips exactly
 * {"end":true,"tables":{"clients":1,…},"sha256":"…"}   ← hash of every byte above this line
 * ```
 *
 * Tables come from the Drizzle schema (parents before children), rows in primary-key order.
 *
 * ```ts
 * await writeBackup(db, (await Deno.create("studio.rsm.gz")).writable, { tenantId, slug });
 * await restoreBackup(target, (await Deno.open("studio.rsm.gz")).readable);
 * ```
 */
import { createHash } from "node:crypto";
import { DrizzleQueryError, type SQL, sql } from "drizzle-orm";
import * as appSchema from "../../db/schema/mod.ts";
import { appliedMigrations, rowsOf } from "./migrations.ts";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupEntries,
  BackupError,
  type BackupHeader,
  checkRowCounts,
} from "./backup_format.ts";
import { type SchemaTable, tablesInDependencyOrder } from "./backup_tables.ts";

export { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, type BackupHeader } from "./backup_format.ts";
export { type SchemaTable, tablesInDependencyOrder } from "./backup_tables.ts";
import type { TenantDb } from "./tenant_db.ts";

export interface BackupSummary {
  header: BackupHeader;
  /** Rows per table, in dump order. */
  tables: Record<string, number>;
  rows: number;
  /** Hex SHA-256 of the uncompressed document up to the trailer. */
  sha256: string;
}

export interface BackupOptions {
  /** The Drizzle schema whose tables are dumped or restored; default: the tenant schema. */
  schema?: Record<string, unknown>;
  /** Rows per read page and per insert batch; default 1,000. */
  batchSize?: number;
}

export interface RestoreOptions extends BackupOptions {
  /** Delete the target's existing rows first instead of refusing a non-empty target. */
  replace?: boolean;
}

const DEFAULT_BATCH_SIZE = 1_000;
// A batch is also cut at this size, so tables with large rows (JSON, files) keep memory flat.
const MAX_BATCH_CHARS = 4 * 1024 * 1024;
const encoder = new TextEncoder();

/**
 * Streams a consistent snapshot of `db` to `out` as a gzip-compressed backup. Everything is read in
 * one read-only repeatable-read transaction, page by page, so large tables never sit in memory.
 * On failure `out` is aborted, and the caller should delete what it wrote.
 */
export async function writeBackup(
  db: TenantDb,
  out: WritableStream<Uint8Array>,
  meta: { tenantId: string; slug: string },
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const tables = tablesInDependencyOrder(options.schema ?? appSchema);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const gzip = new CompressionStream("gzip");
  const piping = gzip.readable.pipeTo(out);
  const writer = gzip.writable.getWriter();
  const hash = createHash("sha256");
  const emit = async (lines: string[], hashed = true) => {
    const bytes = encoder.encode(lines.join("\n") + "\n");
    if (hashed) hash.update(bytes);
    await writer.write(bytes);
  };
  try {
    const { header, counts } = await db.transaction(async (tx) => {
      await useCanonicalTextFormats(tx);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        ...await schemaState(tx),
        tenantId: meta.tenantId,
        slug: meta.slug,
        createdAt: new Date().toISOString(),
      };
      await emit([JSON.stringify(header)]);
      const counts: Record<string, number> = {};
      for (const table of tables) {
        const all = await catalogColumns(tx, table);
        const columns = all.filter((c) => !c.generated);
        await emit([JSON.stringify({
          table: table.key,
          columns: columns.map((c) => c.name),
          types: columns.map((c) => c.type),
        })]);
        counts[table.key] = 0;
        for await (const page of rowPages(tx, table, all, batchSize)) {
          await emit(page);
          counts[table.key] += page.length;
        }
      }
      return { header, counts };
    }, { isolationLevel: "repeatable read", accessMode: "read only" });
    const sha256 = hash.digest("hex");
    await emit([JSON.stringify({ end: true, tables: counts, sha256 })], false);
    await writer.close();
    await piping;
    return summaryOf(header, counts, sha256);
  } catch (err) {
    // The original error is what matters; aborting only tells `out` the document is incomplete.
    await writer.abort(err).catch(() => {});
    await piping.catch(() => {});
    throw err;
  }
}

/** The header of a backup, read without going further (the rest of `input` is cancelled). */
export async function readBackupHeader(input: ReadableStream<Uint8Array>): Promise<BackupHeader> {
  for await (const entry of backupEntries(input)) {
    if (entry.kind === "header") return entry.header;
  }
  throw new BackupError("The backup is empty.");
}

/**
 * Restores a backup into `db`, all or nothing: one transaction inserts every table parent-first,
 * and commits only after the trailer's checksum and row counts have been verified. The target must
 * be at the dump's schema version, with the same migrations, and empty unless `replace` is set.
 */
export async function restoreBackup(
  db: TenantDb,
  input: ReadableStream<Uint8Array>,
  options: RestoreOptions = {},
): Promise<BackupSummary> {
  const tables = tablesInDependencyOrder(options.schema ?? appSchema);
  const entries = backupEntries(input);
  try {
    const first = await entries.next();
    if (first.done || first.value.kind !== "header") throw new BackupError("The backup is empty.");
    const header = first.value.header;
    return await db.transaction(async (tx) => {
      await useCanonicalTextFormats(tx);
      checkSameSchema(header, await schemaState(tx));
      await makeRoomForRestore(tx, tables, options.replace ?? false);
      const restore = new TableRestorer(tx, tables, options.batchSize ?? DEFAULT_BATCH_SIZE);
      let summary: BackupSummary | undefined;
      // Read to the very end, past the trailer: gzip verifies its own checksum only there.
      for await (const entry of entries) {
        if (entry.kind === "table") await restore.startTable(entry.table, entry.columns);
        else if (entry.kind === "row") await restore.addRow(entry.line, entry.width);
        else if (entry.kind === "end") {
          const counts = await restore.finish();
          checkRowCounts(counts, entry.tables);
          summary = summaryOf(header, counts, entry.sha256);
        }
      }
      if (!summary) throw new BackupError("The backup ends before its trailer: the file is truncated.");
      return summary;
    });
  } finally {
    await entries.return(undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Database: catalog, versions, text formats

type Queryable = Pick<TenantDb, "execute">;

async function query<T>(db: Queryable, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

/**
 * Text output depends on session settings (a client in another zone or date style would dump
 * different text); fixing them makes the dump's text, and its reading on restore, the same everywhere.
 */
async function useCanonicalTextFormats(tx: Queryable): Promise<void> {
  await tx.execute(sql`SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true),
    set_config('IntervalStyle', 'iso_8601', true), set_config('extra_float_digits', '3', true),
    set_config('bytea_output', 'hex', true)`);
}

/** A column as the database has it, which is what casts and sequences must follow. */
interface CatalogColumn {
  name: string;
  /** `format_type` output, e.g. `numeric(30,10)`, `text[]`: valid in a CAST. */
  type: string;
  generated: boolean;
  /** The serial or identity sequence, to reset after a restore. */
  sequence: string | null;
}

/** The database's columns that the schema's table declares, in the database's column order. */
async function catalogColumns(tx: Queryable, table: SchemaTable): Promise<CatalogColumn[]> {
  const rows = await query<CatalogColumn>(
    tx,
    sql`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
      a.attgenerated <> '' AS generated, pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) AS sequence
    FROM pg_attribute a
    WHERE a.attrelid = to_regclass(${table.regclass}) AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum`,
  );
  const missing = table.columns.filter((name) => !rows.some((row) => row.name === name));
  if (rows.length === 0 || missing.length > 0) {
    throw new BackupError(
      rows.length === 0
        ? `Table ${table.key} is in the schema but not in the database: migrate the database first.`
        : `Table ${table.key} lacks column(s) ${missing.join(", ")}: migrate the database first.`,
    );
  }
  return rows.filter((row) => table.columns.includes(row.name));
}

async function schemaState(tx: Queryable): Promise<Pick<BackupHeader, "schemaVersion" | "migrations">> {
  const [{ exists }] = await query<{ exists: boolean }>(
    tx,
    sql`SELECT to_regclass('rsm_schema_migrations') IS NOT NULL AS exists`,
  );
  if (!exists) throw new BackupError("The database has never been migrated (no rsm_schema_migrations).");
  const applied = await appliedMigrations(tx as TenantDb);
  const migrations = [...applied].map(([version, m]) => ({ version, name: m.name, checksum: m.checksum }));
  return { schemaVersion: Math.max(0, ...applied.keys()), migrations };
}

function checkSameSchema(dump: BackupHeader, target: Pick<BackupHeader, "schemaVersion" | "migrations">) {
  const [from, to] = [dump.schemaVersion, target.schemaVersion];
  if (from > to) {
    throw new BackupError(
      `The dump is from a newer schema version (${from}) than the target database (${to}): ` +
        `migrate the target to version ${from} first.`,
    );
  }
  if (from < to) {
    throw new BackupError(
      `The dump is from an older schema version (${from}) than the target database (${to}): restore it ` +
        `into a database migrated only to version ${from}, then migrate that database.`,
    );
  }
  for (const migration of dump.migrations) {
    const theirs = target.migrations.find((m) => m.version === migration.version);
    if (theirs?.name !== migration.name || theirs.checksum !== migration.checksum) {
      throw new BackupError(
        `Migration ${migration.version} (${migration.name}) differs between the dump and the target ` +
          "database: they were built from different migration files. Restore with the release that made the dump.",
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Dump: rows as text, page by page

/** The text form of a column: Postgres' own output, except bytea in base64 (half the size of hex). */
function textOf(column: CatalogColumn): SQL {
  const name = sql.identifier(column.name);
  return column.type === "bytea"
    ? sql`translate(encode(${name}, 'base64'), E'\n', '')`
    : sql`CAST(${name} AS text)`;
}

/** The value of a column from its text form: the inverse of {@link textOf}. */
function valueOf(text: SQL, column: CatalogColumn): SQL {
  return column.type === "bytea"
    ? sql`decode(${text}, 'base64')`
    : sql`CAST(${text} AS ${sql.raw(column.type)})`;
}

/**
 * The table's rows as ready-made NDJSON lines, in pages ordered by primary key. Keyset paging
 * (`WHERE key > last`) keeps each page as cheap as the first; without a primary key, the physical
 * row id orders the rows, stable inside the snapshot.
 */
async function* rowPages(
  tx: Queryable,
  table: SchemaTable,
  all: CatalogColumn[],
  pageSize: number,
): AsyncGenerator<string[]> {
  const columns = all.filter((c) => !c.generated);
  const key = table.primaryKey.length > 0
    ? table.primaryKey.map((name) => all.find((c) => c.name === name)!)
    : [{ name: "ctid", type: "tid", generated: false, sequence: null }];
  const keyList = sql.join(key.map((c) => sql.identifier(c.name)), sql`, `);
  const line = sql`CAST(to_json(CAST(ARRAY[${sql.join(columns.map(textOf), sql`, `)}] AS text[])) AS text)`;
  const keys = sql.join(
    key.map((c, i) => sql`CAST(${sql.identifier(c.name)} AS text) AS ${sql.raw(`k${i}`)}`),
    sql`, `,
  );
  // The cursor is the last key in plain text form (bytea too), read back in the key's own type.
  const cursor = (values: string[]) =>
    sql.join(key.map((c, i) => sql`CAST(CAST(${values[i]} AS text) AS ${sql.raw(c.type)})`), sql`, `);
  let last: string[] | undefined;
  while (true) {
    const after = last ? sql`WHERE (${keyList}) > (${cursor(last)})` : sql``;
    const page = await query<Record<string, string>>(
      tx,
      sql`SELECT ${line} AS r, ${keys} FROM ${table.sql} ${after} ORDER BY ${keyList} LIMIT ${pageSize}`,
    );
    if (page.length === 0) return;
    yield page.map((row) => row.r);
    if (page.length < pageSize) return;
    const lastRow = page.at(-1)!;
    last = key.map((_, i) => lastRow[`k${i}`]);
  }
}
// Restore: make room, insert in batches, reset sequences

async function makeRoomForRestore(tx: Queryable, tables: SchemaTable[], replace: boolean): Promise<void> {
  if (replace) {
    for (const table of tables.toReversed()) await tx.execute(sql`DELETE FROM ${table.sql}`);
    return;
  }
  for (const table of tables) {
    const [{ found }] = await query<{ found: boolean }>(
      tx,
      sql`SELECT EXISTS (SELECT 1 FROM ${table.sql}) AS found`,
    );
    if (found) {
      throw new BackupError(
        `The target database is not empty (${table.key} has rows): restore into an empty database, ` +
          "or replace its contents (--replace) to delete them first.",
      );
    }
  }
}

/** Inserts one table at a time, in batches, inside the restore's transaction. */
class TableRestorer {
  readonly #counts: Record<string, number> = {};
  #current?: { table: SchemaTable; columns: CatalogColumn[]; staged: boolean };
  #batch: string[] = [];
  #batchChars = 0;
  #stagingCreated = false;

  constructor(
    private readonly tx: Queryable,
    private readonly tables: SchemaTable[],
    private readonly batchSize: number,
  ) {}

  async startTable(key: string, dumpedColumns: string[]): Promise<void> {
    await this.#finishTable();
    const table = this.tables.find((t) => t.key === key);
    if (!table) {
      throw new BackupError(`The backup holds table ${key}, which the target's schema does not define.`);
    }
    if (key in this.#counts) {
      throw new BackupError(`The backup holds table ${key} twice: the file is damaged.`);
    }
    const target = (await catalogColumns(this.tx, table)).filter((c) => !c.generated);
    const byName = new Map(target.map((c) => [c.name, c]));
    if (dumpedColumns.length !== target.length || dumpedColumns.some((name) => !byName.has(name))) {
      throw new BackupError(
        `Table ${key} has columns (${dumpedColumns.join(", ")}) in the backup but ` +
          `(${target.map((c) => c.name).join(", ")}) in the target: the schemas differ.`,
      );
    }
    this.#counts[key] = 0;
    // Rows of a self-referencing table may point at rows of a later batch; staged, they are
    // inserted by one statement, whose foreign-key checks run after all its rows are in.
    this.#current = {
      table,
      columns: dumpedColumns.map((n) => byName.get(n)!),
      staged: table.selfReferencing,
    };
  }

  async addRow(line: string, width: number): Promise<void> {
    const current = this.#current;
    if (!current) throw new BackupError("The backup has a row before any table: the file is damaged.");
    if (width !== current.columns.length) {
      throw new BackupError(
        `A row of ${current.table.key} has ${width} values for ${current.columns.length} columns: the file is damaged.`,
      );
    }
    this.#batch.push(line);
    this.#batchChars += line.length;
    this.#counts[current.table.key]++;
    if (this.#batch.length >= this.batchSize || this.#batchChars >= MAX_BATCH_CHARS) await this.#flush();
  }

  /** Completes the last table, resets every restored table's sequences, and returns the row counts. */
  async finish(): Promise<Record<string, number>> {
    await this.#finishTable();
    for (const table of this.tables.filter((t) => t.key in this.#counts)) {
      for (const column of await catalogColumns(this.tx, table)) {
        if (column.sequence) await resetSequence(this.tx, table, column);
      }
    }
    return this.#counts;
  }

  async #flush(): Promise<void> {
    const current = this.#current;
    if (!current || this.#batch.length === 0) return;
    const batch = `[${this.#batch.join(",")}]`;
    const rows = sql`json_array_elements(CAST(CAST(${batch} AS text) AS json)) AS b(r)`;
    this.#batch = [];
    this.#batchChars = 0;
    if (!current.staged) return await this.#insert(insertRows(current.table, current.columns, rows));
    if (!this.#stagingCreated) {
      await this.tx.execute(sql`CREATE TEMPORARY TABLE rsm_restore_staging (r json) ON COMMIT DROP`);
      this.#stagingCreated = true;
    }
    await this.tx.execute(sql`INSERT INTO rsm_restore_staging (r) SELECT r FROM ${rows}`);
  }

  async #finishTable(): Promise<void> {
    await this.#flush();
    const current = this.#current;
    if (current?.staged && this.#stagingCreated) {
      await this.#insert(insertRows(current.table, current.columns, sql`rsm_restore_staging`));
      await this.tx.execute(sql`TRUNCATE rsm_restore_staging`);
    }
    this.#current = undefined;
  }

  /** Runs an insert; a row the target rejects is reported by table, without the batch's text. */
  async #insert(statement: SQL): Promise<void> {
    try {
      await this.tx.execute(statement);
    } catch (err) {
      const reason = err instanceof DrizzleQueryError && err.cause instanceof Error
        ? err.cause
        : err as Error;
      throw new BackupError(
        `The target rejected a row of ${this.#current?.table.key} (${reason.message}); nothing was restored.`,
        { cause: err },
      );
    }
  }
}

/** INSERT … SELECT from `source`, whose column `r` holds rows as JSON arrays of text values. */
function insertRows(table: SchemaTable, columns: CatalogColumn[], source: SQL): SQL {
  const names = sql.join(columns.map((c) => sql.identifier(c.name)), sql`, `);
  const values = sql.join(columns.map((c, i) => valueOf(sql`r->>${sql.raw(String(i))}`, c)), sql`, `);
  // OVERRIDING SYSTEM VALUE: the dump's ids go in even into GENERATED ALWAYS identity columns.
  return sql`INSERT INTO ${table.sql} (${names}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM ${source}`;
}

/** Points the sequence past the highest restored value, so the next insert does not collide. */
async function resetSequence(tx: Queryable, table: SchemaTable, column: CatalogColumn): Promise<void> {
  const sequence = sql`CAST(${column.sequence} AS regclass)`;
  const start = sql`(SELECT seqstart FROM pg_sequence WHERE seqrelid = ${sequence})`;
  const next = sql`COALESCE(MAX(${sql.identifier(column.name)}) + 1, ${start})`;
  await tx.execute(sql`SELECT setval(${sequence}, ${next}, false) FROM ${table.sql}`);
}

function summaryOf(header: BackupHeader, tables: Record<string, number>, sha256: string): BackupSummary {
  return { header, tables, rows: Object.values(tables).reduce((a, b) => a + b, 0), sha256 };
}
