/** Which tables a backup holds, in which order: the Drizzle schema's tables, parents before children. */
import { is, type SQL, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { BackupError } from "./backup_format.ts";

/** A table of the Drizzle schema, as backup needs it. */
export interface SchemaTable {
  /** `name`, or `schema.name` outside the default schema: the table's name in the document. */
  key: string;
  sql: SQL;
  /** For `to_regclass`: the quoted, possibly schema-qualified name. */
  regclass: string;
  columns: string[];
  primaryKey: string[];
  /** A foreign key to itself: rows may reference rows that come later in key order. */
  selfReferencing: boolean;
}

/**
 * The schema's tables, every foreign-key parent before its children, ties broken by name so the
 * order is stable. A cycle cannot be ordered and is refused.
 */
export function tablesInDependencyOrder(schema: Record<string, unknown>): SchemaTable[] {
  const configs = new Map<string, ReturnType<typeof getTableConfig>>();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    configs.set(tableKey(config.schema, config.name), config);
  }
  const parents = new Map<string, Set<string>>();
  for (const [key, config] of configs) {
    const referenced = config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable))
      .map((parent) => tableKey(parent.schema, parent.name))
      .filter((parent) => configs.has(parent));
    parents.set(key, new Set(referenced));
  }
  const ordered: SchemaTable[] = [];
  const pending = new Set([...configs.keys()].sort());
  while (pending.size > 0) {
    const ready = [...pending].find((key) =>
      [...parents.get(key)!].every((p) => p === key || !pending.has(p))
    );
    if (!ready) {
      throw new BackupError(
        `Foreign keys form a cycle among ${[...pending].join(", ")}: backups insert parents before ` +
          "children and cannot order these. Break the cycle, or teach lib/tenancy/backup.ts to stage it.",
      );
    }
    pending.delete(ready);
    ordered.push(schemaTable(configs.get(ready)!, parents.get(ready)!.has(ready)));
  }
  return ordered;
}

function schemaTable(config: ReturnType<typeof getTableConfig>, selfReferencing: boolean): SchemaTable {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const inline = config.columns.filter((c) => c.primary).map((c) => c.name);
  return {
    key: tableKey(config.schema, config.name),
    sql: config.schema
      ? sql`${sql.identifier(config.schema)}.${sql.identifier(config.name)}`
      : sql`${sql.identifier(config.name)}`,
    regclass: config.schema ? `${quote(config.schema)}.${quote(config.name)}` : quote(config.name),
    columns: config.columns.map((c) => c.name),
    primaryKey: inline.length > 0 ? inline : config.primaryKeys[0]?.columns.map((c) => c.name) ?? [],
    selfReferencing,
  };
}

const tableKey = (schema: string | undefined, name: string) => schema ? `${schema}.${name}` : name;
