import type postgres from "postgres";

type Parse = (value: string) => unknown;
type Serialize = (value: unknown) => unknown;
type Client = { options: { parsers: Record<number, Parse>; serializers: Record<number, Serialize> } };

/**
 * Built-in element type → its array type. These OIDs are fixed in every Postgres database, so the
 * array codecs can be installed without asking the server.
 */
export const BUILT_IN_ARRAYS: ReadonlyMap<number, number> = new Map([
  [16, 1000], // bool
  [17, 1001], // bytea
  [19, 1003], // name
  [20, 1016], // int8
  [21, 1005], // int2
  [23, 1007], // int4
  [25, 1009], // text
  [26, 1028], // oid
  [114, 199], // json
  [700, 1021], // float4
  [701, 1022], // float8
  [1042, 1014], // bpchar
  [1043, 1015], // varchar
  [1082, 1182], // date
  [1083, 1183], // time
  [1114, 1115], // timestamp
  [1184, 1185], // timestamptz
  [1186, 1187], // interval
  [1700, 1231], // numeric
  [2950, 2951], // uuid
  [3802, 3807], // jsonb
]);

/**
 * Gives a postgres-js client the array codecs its `fetch_types` would set up for the built-in
 * types, without `fetch_types`' catalog query. That query runs on every new connection and
 * allocates a parser pair per array type each time: with a client per studio opened, it was most
 * of what an open allocated, and what kept the app's heap large after touching 1,000 studios
 * (docs/BENCHMARKS.md, Tenancy, "Memory"). Call before drizzle(), which then overrides the date
 * and numeric ones as it does after a fetch. Arrays of extension or enum types are not covered:
 * their OIDs differ per database, and they come back as the array literal, which Drizzle parses.
 */
export function installBuiltInArrayTypes(client: postgres.Sql): void {
  const { parsers, serializers } = (client as unknown as Client).options;
  for (const [element, array] of BUILT_IN_ARRAYS) {
    // Looked up when used, so drizzle()'s own element parsers apply, as after a fetch.
    parsers[array] = (literal) => parseArrayLiteral(literal, parsers[element]);
    serializers[array] = (value) => serializeArray(value, serializers[element]);
  }
}

/**
 * Postgres' array output (`{a,"b c",NULL}`, nested `{{1,2},{3,4}}`, an optional `[0:1]=` bounds
 * prefix): unquoted NULL is null, quoted strings lose their backslash escapes, and every other
 * element goes through `parse`.
 */
export function parseArrayLiteral(literal: string, parse?: Parse): unknown[] {
  let i = literal.startsWith("[") ? literal.indexOf("=") + 1 : 0;
  const element = (raw: string, quoted: boolean) =>
    !quoted && raw.toUpperCase() === "NULL" ? null : parse ? parse(raw) : raw;
  const list = (): unknown[] => {
    const items: unknown[] = [];
    i++; // "{"
    while (i < literal.length) {
      const char = literal[i];
      if (char === "}") {
        i++;
        return items;
      } else if (char === ",") {
        i++;
      } else if (char === "{") {
        items.push(list());
      } else if (char === '"') {
        let text = "";
        for (i++; i < literal.length && literal[i] !== '"'; i++) {
          text += literal[i] === "\\" ? literal[++i] : literal[i];
        }
        i++;
        items.push(element(text, true));
      } else {
        const start = i;
        while (i < literal.length && literal[i] !== "," && literal[i] !== "}") i++;
        items.push(element(literal.slice(start, i), false));
      }
    }
    return items;
  };
  return list();
}

/** A JS array as an array literal, every element quoted; anything else (Drizzle's literals) as is. */
export function serializeArray(value: unknown, serialize?: Serialize): unknown {
  if (!Array.isArray(value)) return value;
  const items = value.map((item) => {
    if (Array.isArray(item)) return serializeArray(item, serialize);
    if (item === null) return "NULL";
    if (item === undefined) throw new TypeError("An array parameter holds undefined");
    const text = String(serialize ? serialize(item) : item);
    return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}
