import { sharedPostgres } from "../../testing/postgres_server.ts";
import { startNeonApiServer } from "../../testing/neon_api_server.ts";
import { startNeonWsProxy } from "../../testing/neon_ws_proxy.ts";
import { loadMigrations } from "../migrations.ts";
import { driverConformance } from "./conformance.ts";
import { NeonDriver } from "./neon.ts";
import { PgliteDriver } from "./pglite.ts";
import { PostgresDriver } from "./postgres.ts";

// Building PGlite's template takes seconds: the pglite cases share one data root, removed at exit.
let pgliteRoot: Promise<string> | undefined;
const sharedPgliteRoot = () =>
  pgliteRoot ??= Deno.makeTempDir({ prefix: "rsm-pglite-" }).then((root) => {
    globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));
    return root;
  });

driverConformance("pglite", async () => {
  const driver = new PgliteDriver(await sharedPgliteRoot(), await loadMigrations());
  return { driver, region: "eu", [Symbol.asyncDispose]: () => driver.close() };
});

driverConformance("postgres", async () => {
  const server = await sharedPostgres();
  const driver = new PostgresDriver({ clusters: { eu: server.url }, migrations: await loadMigrations() });
  return { driver, region: "eu", [Symbol.asyncDispose]: () => driver.close() };
});

driverConformance("neon", async () => {
  const server = await sharedPostgres();
  const api = startNeonApiServer({ postgresUrl: server.url });
  const proxy = startNeonWsProxy();
  const driver = new NeonDriver({
    apiKey: api.apiKey,
    apiBase: api.url,
    regions: { eu: "aws-eu-central-1" },
    migrations: await loadMigrations(),
    socket: proxy.neonConfig,
  });
  return {
    driver,
    region: "eu",
    async [Symbol.asyncDispose]() {
      await driver.close();
      await proxy.close();
      await api.close();
    },
  };
});
