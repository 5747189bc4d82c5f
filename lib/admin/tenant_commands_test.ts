import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

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

Deno.test({
  name: "admin CLI: create, list, suspend, resume, back up, restore, migrate and delete a studio",
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "rsm-admin-" });
    try {
      const owner = ["--owner-email", "ana@example.com", "--owner-password", "violet tractor singing"];
      const blue = ["--name", "Blue Room", "--slug", "blue-room"];
      const weak = await admin(dir, "tenant:create", ...blue, ...owner.slice(0, 3), "password123", "--json");
      assert.equal(weak.code, 1);
      assert.ok(JSON.parse(weak.err).fields.ownerPassword, "a weak owner password is refused");
      assert.equal((await admin(dir, "tenant:list", "--json")).json().length, 0, "and nothing was created");

      const where = ["--country", "us", "--currency", "usd", "--timezone", "America/New_York"];
      const created = await admin(dir, "tenant:create", ...blue, ...where, ...owner, "--json");
      assert.equal(created.code, 0, created.err);
      assert.equal(created.json().status, "active");
      assert.equal(created.json().region, "us");
      assert.equal(created.json().url, "http://localhost:8000/s/blue-room/");
      assert.equal(created.json().owner, "ana@example.com");
      assert.equal(created.json().owner, "ana@example.com");

      const taken = await admin(
        dir,
        "tenant:create",
        "--name",
        "Other",
        "--slug",
        "blue-room",
        ...owner,
        "--json",
      );
      assert.equal(taken.code, 1);
      assert.match(JSON.parse(taken.err).error, /already taken/);

      const bad = await admin(
        dir,
        "tenant:create",
        "--name",
        "X",
        "--slug",
        "x",
        "--currency",
        "EURO",
        ...owner,
      );
      assert.equal(bad.code, 1);
      assert.match(bad.err, /tenant:create failed/);

      await admin(dir, "tenant:create", "--name", "Copy", "--slug", "copy-room", ...owner);
      const listed = (await admin(dir, "tenant:list", "--json")).json();
      assert.deepEqual(listed.map((t: { slug: string }) => t.slug), ["blue-room", "copy-room"]);
      assert.ok(!JSON.stringify(listed).includes("postgres://"), "no credentials in the listing");

      assert.equal(
        (await admin(dir, "tenant:suspend", "--slug", "blue-room", "--json")).json().status,
        "suspended",
      );
      assert.equal((await admin(dir, "tenant:suspend", "--slug", "blue-room")).code, 1, "already suspended");
      assert.equal(
        (await admin(dir, "tenant:resume", "--slug", "blue-room", "--json")).json().status,
        "active",
      );

      const file = `${dir}/blue.backup.gz`;
      const backup = await admin(dir, "tenant:backup", "--slug", "blue-room", "--out", file, "--json");
      assert.equal(backup.code, 0, backup.err);
      assert.equal(backup.json().tables.studio_profile, 1);
      assert.equal(
        (await admin(dir, "tenant:backup", "--slug", "blue-room", "--out", file)).code,
        1,
        "never overwrites",
      );

      const refused = await admin(dir, "tenant:restore", "--slug", "copy-room", "--in", file);
      assert.equal(refused.code, 1, "a studio with data is not overwritten without --replace");
      const restored = await admin(
        dir,
        "tenant:restore",
        "--slug",
        "copy-room",
        "--in",
        file,
        "--replace",
        "--json",
      );
      assert.equal(restored.code, 0, restored.err);
      assert.equal(restored.json().from, "blue-room");

      const moved = await admin(dir, "tenant:move", "--slug", "blue-room", "--region", "ap", "--json");
      assert.equal(moved.code, 0, moved.err);
      assert.equal(moved.json().region, "ap");

      const migrated = await admin(dir, "tenant:migrate", "--all", "--json");
      assert.equal(migrated.code, 0, migrated.err);
      assert.equal(migrated.json().total, 2);
      assert.deepEqual(migrated.json().failed, []);
      assert.equal((await admin(dir, "tenant:migrate")).code, 1, "--all or --slug is required");

      const unconfirmed = await admin(dir, "tenant:delete", "--slug", "copy-room");
      assert.equal(unconfirmed.code, 1);
      assert.match(unconfirmed.err, /Not confirmed/);
      const deleted = await admin(
        dir,
        "tenant:delete",
        "--slug",
        "copy-room",
        "--confirm",
        "copy-room",
        "--json",
      );
      assert.deepEqual(deleted.json(), { deleted: "copy-room" });
      assert.deepEqual(
        (await admin(dir, "tenant:list", "--json")).json().map((t: { slug: string }) => t.slug),
        ["blue-room"],
      );

      const demo = await admin(dir, "seed:demo", "--json");
      assert.equal(demo.json().created, true);
      const login = JSON.parse(await Deno.readTextFile(demo.json().loginFile));
      assert.equal(login.email, demo.json().owner);
      assert.equal((await Deno.stat(demo.json().loginFile)).mode! & 0o777, 0o600);
      assert.equal((await admin(dir, "seed:demo", "--json")).json().created, false);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
