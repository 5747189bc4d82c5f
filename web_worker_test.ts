import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { freePort } from "./lib/testing/free_port.ts";
import { sharedPostgres } from "./lib/testing/postgres_server.ts";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

Deno.test({
  name: "WEB_WORKERS=2 serves the port from two threads from the first answer on, each answering in full",
  sanitizeResources: false,
  async fn() {
    const postgres = await sharedPostgres();
    const dataDir = await Deno.makeTempDir({ prefix: "rsm-web-workers-" });
    const port = freePort();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", MAIN],
      env: {
        PORT: String(port),
        DATA_DIR: dataDir,
        TENANT_DRIVER: "postgres",
        REGIONS: "eu",
        POSTGRES_URL_EU: postgres.url,
        WEB_WORKERS: "2",
        LOG_LEVEL: "debug",
      },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const output: string[] = [];
    const reading = (async () => {
      for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) output.push(chunk);
    })();
    try {
      const origin = `http://127.0.0.1:${port}`;
      // As soon as the port answers, clients open keep-alive connections (a load balancer, a bench):
      // each thread must already be listening, or those connections stay on the first for good.
      const deadline = Date.now() + 60_000;
      while (
        !(await fetch(`${origin}/healthz`).then((res) => res.body?.cancel().then(() => res.ok), () => false))
      ) {
        assert.ok(Date.now() < deadline, `the app did not start:\n${output.join("")}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const clients = Array.from({ length: 40 }, () => Deno.createHttpClient({}));
      try {
        const answers = await Promise.all(
          clients.map((client) => fetch(`${origin}/healthz`, { client } as RequestInit)),
        );
        for (const res of answers) {
          assert.equal(res.status, 200);
          await res.body?.cancel();
        }
      } finally {
        clients.forEach((client) => client.close());
      }
      // main() prints its banner once the demo studio is seeded; every thread serves the whole app.
      while (!output.join("").includes("demo studio")) {
        assert.ok(Date.now() < deadline, `the app did not start:\n${output.join("")}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${origin}/s/demo/sign-in`, { headers: { connection: "close" } });
        assert.equal(res.status, 200);
        assert.match(await res.text(), /<form/);
      }
      await new Promise((r) => setTimeout(r, 200));
      const requests = output.join("").split("\n").filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line)).filter((entry) => entry.msg === "request");
      const threadsOf = (path: string) =>
        [
          ...new Set(
            requests.filter((entry) => entry.path === path).map((entry) => entry.thread ?? "primary"),
          ),
        ].sort();
      assert.deepEqual(threadsOf("/healthz"), ["primary", "web-1"]);
      const pages = requests.filter((entry) => entry.path === "/sign-in");
      assert.equal(pages.length, 20);
      assert.ok(pages.every((entry) => entry.status === 200));
      assert.deepEqual(threadsOf("/sign-in"), ["primary", "web-1"]);
    } finally {
      child.kill("SIGTERM");
      await child.status;
      await reading;
      await child.stderr.cancel();
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
