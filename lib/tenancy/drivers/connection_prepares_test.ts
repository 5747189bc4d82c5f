import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { startPostgres } from "../../testing/postgres_server.ts";
import { connectionPrepares } from "./connection_prepares.ts";

/** The test's statements prepared on the one connection of `client` (postgres-js prepares some of its own). */
async function preparedOn(client: postgres.Sql): Promise<string[]> {
  const rows = await client.unsafe<{ statement: string }[]>(
    "SELECT statement FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1%' ORDER BY statement",
    [],
    { prepare: false },
  );
  return rows.map((row) => row.statement);
}

Deno.test("drizzle queries become named prepared statements, in transactions and savepoints too", async () => {
  await using server = await startPostgres();
  const client = postgres(server.url, { max: 1, prepare: true, onnotice: () => {} });
  try {
    const db = drizzle(connectionPrepares(client));
    for (const n of [1, 2]) {
      assert.deepEqual([...await db.execute(sql`SELECT ${n}::int + 1 AS n`)], [{ n: n + 1 }]);
    }
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT ${3}::int * 2 AS n`);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`SELECT ${4}::int - 1 AS n`);
      });
    });
    assert.deepEqual(await preparedOn(client), [
      "SELECT $1::int * 2 AS n",
      "SELECT $1::int + 1 AS n",
      "SELECT $1::int - 1 AS n",
    ]);
  } finally {
    await client.end({ timeout: 5 });
  }
});

Deno.test("without the view, or with prepare off on the connection, nothing is prepared", async () => {
  await using server = await startPostgres();
  for (const { prepare, wrap } of [{ prepare: true, wrap: false }, { prepare: false, wrap: true }]) {
    const client = postgres(server.url, { max: 1, prepare, onnotice: () => {} });
    try {
      const db = drizzle(wrap ? connectionPrepares(client) : client);
      await db.execute(sql`SELECT ${1}::int AS n`);
      await db.transaction((tx) => tx.execute(sql`SELECT ${2}::int AS n`));
      assert.deepEqual(await preparedOn(client), [], JSON.stringify({ prepare, wrap }));
    } finally {
      await client.end({ timeout: 5 });
    }
  }
});
