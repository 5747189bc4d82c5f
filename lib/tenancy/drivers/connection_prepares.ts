import type postgres from "postgres";

type Client = postgres.Sql | postgres.TransactionSql;
type Method = (...args: unknown[]) => unknown;

/**
 * drizzle-orm's postgres-js session sends every query not built with `.prepare(name)` through
 * `unsafe()` with `prepare: false` (postgres-js' default for `unsafe()` too). postgres-js then
 * describes each parameterised statement in a round trip of its own before running it, and the
 * server parses and plans it every time. This view of the client asks for a prepared statement
 * instead, which the connection's own `prepare` setting can still veto — in transactions and
 * savepoints too. With it on, a statement text is parsed once per connection and later runs are
 * a single round trip (postgres-js re-prepares by itself when a migration invalidates a plan).
 */
export function connectionPrepares<T extends Client>(client: T): T {
  const target = client as unknown as Record<string, Method>;
  const overrides: Record<string, Method> = {
    unsafe: (query, params, options) =>
      target.unsafe(query, params, { ...(options as object), prepare: true }),
    // begin(options?, callback) and savepoint(name?, callback): the callback comes last.
    begin: (...args) => target.begin(...withPreparingCallback(args)),
    savepoint: (...args) => target.savepoint(...withPreparingCallback(args)),
  };
  return new Proxy(client, {
    get: (object, property) =>
      typeof property === "string" && property in overrides
        ? overrides[property]
        : Reflect.get(object, property),
  });
}

function withPreparingCallback(args: unknown[]): unknown[] {
  const callback = args.at(-1);
  if (typeof callback !== "function") return args;
  return [...args.slice(0, -1), (tx: postgres.TransactionSql) => callback(connectionPrepares(tx))];
}
