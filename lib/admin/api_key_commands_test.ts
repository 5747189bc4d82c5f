import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { startServer } from "../../main.ts";
import { loadConfig } from "../config.ts";
import { freePort } from "../testing/free_port.ts";

const ADMIN = fileURLToPath(new URL("../../tasks/admin.ts", import.meta.url));

/** Runs `deno task admin …` as an operator would, on its own DATA_DIR. */
async function admin(dataDir: string, ...args: string[]) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ADMIN, ...args],
    env: { DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdin: "null",
  }).output();
  const out = new TextDecoder().decode(stdout);
  return { code, out, err: new TextDecoder().decode(stderr), json: () => JSON.parse(out) };
}

/** Serves DATA_DIR like `deno task start` while `work` runs (PGlite allows one process at a time). */
async function served<T>(dataDir: string, work: (origin: string) => Promise<T>): Promise<T> {
  const port = freePort();
  const config = loadConfig({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "error", APP_ENV: "test" });
  const { server } = await startServer(config);
  try {
    return await work(`http://localhost:${port}`);
  } finally {
    await server.shutdown();
    await server.finished;
  }
}

Deno.test({
  name: "apikey:create prints a token the API accepts, audited; apikey:revoke stops it",
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "rsm-admin-keys-" });
    try {
      const owner = ["--owner-email", "ana@example.com", "--owner-password", "violet tractor singing"];
      const studio = await admin(dir, "tenant:create", "--name", "Blue Room", "--slug", "blue", ...owner);
      assert.equal(studio.code, 0, studio.err);

      const bad = await admin(
        dir,
        "apikey:create",
        "--studio",
        "blue",
        "--name",
        "X",
        "--role",
        "root",
        "--json",
      );
      assert.equal(bad.code, 1);
      assert.ok(JSON.parse(bad.err).fields.role, bad.err);
      assert.equal(
        (await admin(dir, "apikey:create", "--studio", "nope", "--name", "X", "--role", "owner")).code,
        1,
      );
      assert.equal(
        (await admin(dir, "apikey:create", "--studio", "blue", "--name", "X")).code,
        2,
        "--role missing",
      );

      const created = await admin(
        dir,
        "apikey:create",
        ...["--studio", "blue", "--name", "Accounting export", "--role", "owner", "--expires", "2099-12-31"],
        "--json",
      );
      assert.equal(created.code, 0, created.err);
      const { token, id, role, status, expiresAt } = created.json();
      assert.match(token, /^rsm_[a-z2-7]{32}$/);
      assert.deepEqual({ role, status }, { role: "owner", status: "active" });
      assert.equal(
        expiresAt,
        "2099-12-31T23:00:00.000Z",
        "through the last day in the studio's zone (Paris)",
      );

      const human = await admin(
        dir,
        "apikey:create",
        "--studio",
        "blue",
        "--name",
        "Site",
        "--role",
        "engineer",
      );
      assert.equal(human.code, 0, human.err);
      assert.match(human.out, /^token: rsm_[a-z2-7]{32}$/m, "the plain output shows the token too");

      const listed = (await admin(dir, "apikey:list", "--studio", "blue", "--json")).json();
      assert.deepEqual(listed.map((k: { name: string }) => k.name), ["Site", "Accounting export"]);
      assert.ok(!JSON.stringify(listed).includes(token.slice(8)), "a listing never shows a token");

      await served(dir, async (origin) => {
        const headers = { authorization: `Bearer ${token}` };
        const profile = await fetch(`${origin}/s/blue/api/v1/studio`, { headers });
        assert.equal(profile.status, 200);
        assert.equal((await profile.json()).name, "Blue Room");
        const audit = await (await fetch(`${origin}/s/blue/api/v1/audit?action=apikey.created`, { headers }))
          .json();
        assert.deepEqual(
          audit.data.map((
            e: { entity: { id: string }; actor: { label: string } },
          ) => [e.entity.id, e.actor.label]),
          [[listed[0].id, "deno task admin"], [id, "deno task admin"]],
        );
      });

      const revoked = await admin(dir, "apikey:revoke", "--studio", "blue", "--id", id, "--json");
      assert.equal(revoked.code, 0, revoked.err);
      assert.equal(revoked.json().status, "revoked");
      await served(dir, async (origin) => {
        const res = await fetch(`${origin}/s/blue/api/v1/studio`, {
          headers: { authorization: `Bearer ${token}` },
        });
        assert.equal(res.status, 401);
        await res.body?.cancel();
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
