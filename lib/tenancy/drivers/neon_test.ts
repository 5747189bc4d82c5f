// The behaviour every driver shares is in conformance.ts; these cases are about the Neon API.
import assert from "node:assert/strict";
import { neonConfig } from "@neondatabase/serverless";
import { sql } from "drizzle-orm";
import { startNeonApiServer } from "../../testing/neon_api_server.ts";
import { startNeonWsProxy } from "../../testing/neon_ws_proxy.ts";
import { sharedPostgres } from "../../testing/postgres_server.ts";
import type { DatabaseLocator } from "../../kv/tenants.ts";
import { latestVersion, loadMigrations, rowsOf } from "../migrations.ts";
import { NeonDriver } from "./neon.ts";
import { NeonApi } from "./neon_api.ts";

/** A fake Neon (API + WebSocket proxy) on the shared test Postgres, and drivers pointed at it. */
async function neon(options: { operationMs?: number; timestamps?: "s" | "ms" } = {}) {
  const server = await sharedPostgres();
  const api = startNeonApiServer({ postgresUrl: server.url, ...options });
  const proxy = startNeonWsProxy();
  const migrations = await loadMigrations();
  const drivers: NeonDriver[] = [];
  const newDriver = () => {
    const driver = new NeonDriver({
      apiKey: api.apiKey,
      apiBase: api.url,
      regions: { eu: "aws-eu-central-1" },
      migrations,
      socket: proxy.neonConfig,
    });
    drivers.push(driver);
    return driver;
  };
  return {
    api,
    migrations,
    driver: newDriver(),
    newDriver,
    client: new NeonApi({ apiKey: api.apiKey, apiBase: api.url }),
    async [Symbol.asyncDispose]() {
      await Promise.all(drivers.map((driver) => driver.close()));
      await proxy.close();
      await api.close();
    },
  };
}

async function schemaVersion(driver: NeonDriver, locator: DatabaseLocator): Promise<number> {
  const connection = await driver.open(locator);
  try {
    const result = await connection.db.execute(sql`SELECT max(version) AS v FROM rsm_schema_migrations`);
    return Number(rowsOf<{ v: number }>(result)[0].v);
  } finally {
    await connection.close();
  }
}

Deno.test("neon: the locator's ref is the project id, and holds no password", async () => {
  await using fake = await neon();
  const locator = await fake.driver.create("eu", "t_ref");
  const [project] = await fake.client.findProjects("t_ref");
  assert.deepEqual(locator, { driver: "neon", region: "eu", name: "t_ref", ref: project.id });
  assert.doesNotMatch(JSON.stringify(locator), /npg_|postgres(ql)?:/);
});

Deno.test("neon: migrations use the direct connection, traffic the pooled one", async () => {
  await using fake = await neon();
  const locator = await fake.driver.create("eu", "t_hosts");
  assert.equal(
    fake.api.requests.filter((r) => r.includes("/connection_uri")).length,
    0,
    "direct URI from creation",
  );
  const connection = await fake.driver.open(locator);
  try {
    const result = await connection.db.execute(sql`SELECT current_setting('application_name') AS app`);
    assert.equal(rowsOf<{ app: string }>(result)[0].app, "pooled");
  } finally {
    await connection.close();
  }
  assert.ok(fake.api.requests.some((r) => /\/connection_uri\?.*pooled=true/.test(r)));
});

Deno.test("neon: a create that crashed after the API call carries on with the same project", async () => {
  await using fake = await neon({ operationMs: 150 });
  // The project exists, its operations still run, and nothing was migrated.
  const { project } = await fake.client.createProject({ name: "t_resumed", region_id: "aws-eu-central-1" });
  const locator = await fake.driver.create("eu", "t_resumed");
  assert.equal(locator.ref, project.id);
  assert.equal(fake.api.requests.filter((r) => r === "POST /api/v2/projects").length, 1);
  assert.equal(await schemaVersion(fake.driver, locator), latestVersion(fake.migrations));
});

Deno.test("neon: two processes creating the same studio end up sharing one project", async () => {
  // Neon's whole-second timestamps make both projects equally old: the tie must still be broken alike.
  await using fake = await neon({ timestamps: "s" });
  const [a, b] = await Promise.all([fake.driver, fake.newDriver()].map((d) => d.create("eu", "t_race")));
  assert.equal(a.ref, b.ref);
  assert.deepEqual((await fake.client.findProjects("t_race")).map((p) => p.id), [a.ref]);
});

Deno.test("neon: a project whose operations still run is deleted once Neon allows it", async () => {
  await using fake = await neon({ operationMs: 300 });
  const { project } = await fake.client.createProject({ name: "t_busy", region_id: "aws-eu-central-1" });
  const locator = { driver: "neon" as const, region: "eu", name: "t_busy", ref: project.id };
  await fake.driver.drop(locator);
  assert.ok(fake.api.requests.includes(`DELETE /api/v2/projects/${project.id}`));
  assert.equal(await fake.driver.exists(locator), false);
  assert.equal(await fake.driver.exists({ ...locator, ref: undefined }), false);
});

Deno.test("neon: a region without a Neon region names the variable to set", async () => {
  await using fake = await neon();
  await assert.rejects(fake.driver.create("ap", "t_nowhere"), /region "ap".*NEON_REGION_AP/);
});

Deno.test("neon: the driver's socket settings stay off the module-wide neonConfig", async () => {
  const before = { wsProxy: neonConfig.wsProxy, pipelineConnect: neonConfig.pipelineConnect };
  await using fake = await neon();
  await fake.driver.create("eu", "t_global");
  assert.deepEqual({ wsProxy: neonConfig.wsProxy, pipelineConnect: neonConfig.pipelineConnect }, before);
  assert.equal(neonConfig.useSecureWebSocket, true);
});
