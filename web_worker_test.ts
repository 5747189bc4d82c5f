import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { freePort } from "./lib/testing/free_port.ts";
import { sharedPostgres } from "./lib/testing/postgres_server.ts";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

Deno.test({
  name: "WEB_WORKERS=2 serves the port from two threads, each answering in full",
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
      // main() prints its banner after every thread listens and the demo studio is seeded.
      const deadline = Date.now() + 60_000;
      while (!output.join("").includes("demo studio")) {
        assert.ok(Date.now() < deadline, `the app did not start:\n${output.join("")}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      // A new connection each time: the kernel picks a listening thread per connection.
      for (let i = 0; i < 40; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/s/demo/sign-in`, {
          headers: { connection: "close" },
        });
        assert.equal(res.status, 200);
        assert.match(await res.text(), /<form/);
      }
      await new Promise((r) => setTimeout(r, 200));
      const requests = output.join("").split("\n").filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line)).filter((entry) =>
          entry.msg === "request" && entry.path === "/sign-in"
        );
      assert.equal(requests.length, 40);
      assert.ok(requests.every((entry) => entry.status === 200));
      const threads = new Set(requests.map((entry) => entry.thread ?? "primary"));
      assert.deepEqual([...threads].sort(), ["primary", "web-1"]);
    } finally {
      child.kill("SIGTERM");
      await child.status;
      await reading;
      await child.stderr.cancel();
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
