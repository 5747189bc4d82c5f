import assert from "node:assert/strict";
import postgres from "postgres";
import { startPostgres } from "./postgres_server.ts";

Deno.test("a started server is a fresh cluster ready for tenant databases", async (t) => {
  await using server = await startPostgres();
  const sql = postgres(server.url, { max: 1 });
  try {
    await t.step("it answers as the postgres superuser on 127.0.0.1, tuned for tests", async () => {
      assert.match(server.url, new RegExp(`^postgres://postgres@127\\.0\\.0\\.1:${server.port}/postgres$`));
      const [row] = await sql`
        select version(), inet_server_addr()::text as address, inet_server_port() as port,
               (select rolsuper from pg_roles where rolname = current_user) as superuser`;
      assert.match(row.version, /^PostgreSQL \d+/);
      assert.deepEqual(
        { address: row.address, port: row.port, superuser: row.superuser },
        { address: "127.0.0.1/32", port: server.port, superuser: true },
      );
      const names = [
        "listen_addresses",
        "max_connections",
        "shared_buffers",
        "fsync",
        "synchronous_commit",
        "full_page_writes",
        "server_encoding",
        "TimeZone",
        "lc_collate",
      ];
      const rows = await sql<{ name: string; setting: string }[]>`
        select name, current_setting(name) as setting from unnest(${names}::text[]) as name`;
      const { lc_collate, ...settings } = Object.fromEntries(rows.map((s) => [s.name, s.setting]));
      assert.deepEqual(settings, {
        listen_addresses: "127.0.0.1",
        max_connections: "200",
        shared_buffers: "128MB",
        fsync: "off",
        synchronous_commit: "off",
        full_page_writes: "off",
        server_encoding: "UTF8",
        TimeZone: "UTC",
      });
      // C.UTF-8 where the OS has it (Debian always does), else plain C.
      assert.match(lc_collate, /^C(\.UTF-8)?$/);
    });

    await t.step("btree_gist and pg_trgm install and work", async () => {
      await sql`create extension btree_gist`;
      await sql`create extension pg_trgm`;
      // btree_gist is what lets one exclusion constraint forbid double-booking a room.
      await sql`
        create table booking (
          room_id int not null,
          during tstzrange not null,
          exclude using gist (room_id with =, during with &&)
        )`;
      await sql`insert into booking values (1, '[2030-01-01 10:00Z, 2030-01-01 12:00Z)')`;
      await assert.rejects(
        sql`insert into booking values (1, '[2030-01-01 11:00Z, 2030-01-01 13:00Z)')`,
        { code: "23P01" },
      );
      const [{ similar }] = await sql`select similarity('Abbey Road', 'Abbey Rd') > 0.4 as similar`;
      assert.equal(similar, true);
    });

    await t.step("a database created from template0 accepts connections", async () => {
      await sql`create database tenant_demo template template0`;
      const tenant = postgres(server.url.replace(/\/postgres$/, "/tenant_demo"), { max: 1 });
      try {
        const [{ name }] = await tenant`select current_database() as name`;
        assert.equal(name, "tenant_demo");
      } finally {
        await tenant.end();
      }
    });
  } finally {
    await sql.end();
  }
});

Deno.test("two servers run side by side, each with its own port, data and max_connections", async () => {
  await using first = await startPostgres();
  await using second = await startPostgres({ maxConnections: 20 });
  assert.notEqual(first.port, second.port);
  assert.notEqual(first.dataDir, second.dataDir);
  const a = postgres(first.url, { max: 1 });
  const b = postgres(second.url, { max: 1 });
  try {
    await a`create table only_in_first (id int)`;
    const [[inFirst], [inSecond]] = await Promise.all([
      a`select current_setting('max_connections') as max, to_regclass('only_in_first') is not null as has_table`,
      b`select current_setting('max_connections') as max, to_regclass('only_in_first') is not null as has_table`,
    ]);
    assert.deepEqual({ ...inFirst }, { max: "200", has_table: true });
    assert.deepEqual({ ...inSecond }, { max: "20", has_table: false });
  } finally {
    await Promise.all([a.end(), b.end()]);
  }
});

Deno.test("stop() removes the data directory and frees the port", async () => {
  const server = await startPostgres();
  const sql = postgres(server.url, { max: 1 });
  await sql`select 1`;
  await sql.end();

  await server.stop();

  await assert.rejects(Deno.stat(server.dataDir), Deno.errors.NotFound);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: server.port });
  listener.close();
  await server.stop();
});

Deno.test("a server that cannot start says why and leaves nothing behind", async () => {
  using taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const error = await startPostgres({ port: taken.addr.port }).then(
    () => assert.fail("started on a port that is taken"),
    (err: Error) => err,
  );
  assert.match(error.message, new RegExp(`did not start on 127\\.0\\.0\\.1:${taken.addr.port}`));
  assert.match(error.message, /could not bind IPv4 address "127\.0\.0\.1": Address already in use/);
  const logFile = error.message.match(/Server log \((\S+)\)/)?.[1];
  assert.ok(logFile, error.message);
  await assert.rejects(Deno.stat(logFile), Deno.errors.NotFound);
});

/** Runs `code` in a fresh Deno process with this module imported, and parses what it prints. */
async function inChildProcess(
  code: string,
  env: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const moduleUrl = new URL("./postgres_server.ts", import.meta.url).href;
  const { TEST_POSTGRES_URL: _, ...inherited } = Deno.env.toObject();
  const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", `import { sharedPostgres } from "${moduleUrl}";\n${code}`],
    env: { ...inherited, ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(success, new TextDecoder().decode(stderr));
  return JSON.parse(new TextDecoder().decode(stdout));
}

Deno.test("sharedPostgres() starts one server per process and removes it when the process exits", async () => {
  const seen = await inChildProcess(`
    const server = await sharedPostgres();
    await server.stop();
    const connection = await Deno.connect({ hostname: "127.0.0.1", port: server.port });
    connection.close();
    console.log(JSON.stringify({
      same: server === await sharedPostgres(),
      port: server.port,
      dataDir: server.dataDir,
      dataDirAfterStop: Deno.statSync(server.dataDir).isDirectory,
    }));
  `);
  assert.equal(seen.same, true);
  assert.equal(seen.dataDirAfterStop, true, "stop() on the shared server must not stop it");
  await assert.rejects(Deno.stat(seen.dataDir as string), Deno.errors.NotFound);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: seen.port as number });
  listener.close();
});

Deno.test("with TEST_POSTGRES_URL, sharedPostgres() uses that server and starts none", async () => {
  const url = "postgres://postgres@127.0.0.1:6543/postgres";
  const seen = await inChildProcess(
    `
    const server = await sharedPostgres();
    await server.stop();
    console.log(JSON.stringify({ url: server.url, port: server.port, dataDir: server.dataDir }));
  `,
    { TEST_POSTGRES_URL: url },
  );
  assert.deepEqual(seen, { url, port: 6543, dataDir: "" });
});
