import assert from "node:assert/strict";
import { runCli } from "../admin/cli.ts";
import { ADMIN_COMMANDS } from "../admin/commands.ts";
import { loadConfig } from "../config.ts";
import { openKv } from "../kv/open.ts";
import { rotateSecrets } from "./rotate.ts";
import { createSecretBox, keyIdOf, sealedKeyId, SecretBoxError, secretBoxFor } from "./secret_box.ts";

const OLD = "old-secret-old-secret-old-secret-0001";
const NEW = "new-secret-new-secret-new-secret-0002";
const dir = () => Deno.makeTempDirSync({ prefix: "rsm-rotate-" });

/** KV holding one of each sealed record, all sealed under OLD, as before any rotation. */
async function storedUnderOld(kv: Deno.Kv) {
  const old = await createSecretBox([OLD]);
  await kv.set(["two_factor", "u_1"], {
    staffId: "u_1",
    totpKey: await old.seal("totp-key-of-u1", "totp:u_1"),
    lastUsedStep: 0,
    backupCodes: [await old.keyedHash("abcd-efgh", "backup:u_1")],
  });
  const expiresAt = new Date(Date.now() + 15 * 60_000).toISOString();
  await kv.set(["two_factor_enrolments", "u_2"], {
    staffId: "u_2",
    totpKey: await old.seal("totp-key-of-u2", "totp:u_2"),
    expiresAt,
  }, { expireIn: 15 * 60_000 });
  await kv.set(["sso_configs", "t_1"], {
    tenantId: "t_1",
    clientSecret: await old.seal("client-secret-of-t1", "sso:t_1"),
  });
  await kv.set(["sso_configs", "t_2"], { tenantId: "t_2" }); // SSO set up, no secret yet
}

async function readAll(kv: Deno.Kv, box: Awaited<ReturnType<typeof createSecretBox>>) {
  const value = async (key: Deno.KvKey) => (await kv.get<Record<string, string>>(key)).value!;
  return [
    await box.openText((await value(["two_factor", "u_1"])).totpKey, "totp:u_1"),
    await box.openText((await value(["two_factor_enrolments", "u_2"])).totpKey, "totp:u_2"),
    await box.openText((await value(["sso_configs", "t_1"])).clientSecret, "sso:t_1"),
  ];
}

Deno.test("without SECRETS_KEY the box's only key is APP_SECRET; SECRETS_KEYS_RETIRED follow the current key", () => {
  assert.deepEqual(loadConfig({ DATA_DIR: dir(), APP_SECRET: OLD }).secretsKeys, [OLD]);
  assert.deepEqual(
    loadConfig({
      DATA_DIR: dir(),
      APP_SECRET: OLD,
      SECRETS_KEY: NEW,
      SECRETS_KEYS_RETIRED: ` ${OLD} ,${NEW}`,
    })
      .secretsKeys,
    [NEW, OLD],
    "trimmed, and the current key is not listed twice",
  );
  assert.throws(
    () => loadConfig({ DATA_DIR: dir(), SECRETS_KEYS_RETIRED: `${OLD},short` }),
    /SECRETS_KEYS_RETIRED: must be a comma-separated list/,
  );
});

Deno.test("values sealed before the rotation (the v1 format, APP_SECRET) open with the old key retired; new ones use the new key", async () => {
  const sealed = await (await createSecretBox([OLD])).seal("totp-key", "totp:u_1");
  const config = loadConfig({
    DATA_DIR: dir(),
    APP_SECRET: OLD,
    SECRETS_KEY: NEW,
    SECRETS_KEYS_RETIRED: OLD,
  });
  const box = await secretBoxFor(config.secretsKeys);
  assert.equal(await box.openText(sealed, "totp:u_1"), "totp-key");
  assert.equal(sealedKeyId(sealed), await keyIdOf(OLD));
  const fresh = await box.seal("other", "totp:u_1");
  assert.equal(sealedKeyId(fresh), await keyIdOf(NEW), "encryption always uses the current key");
  assert.equal(box.keyId, await keyIdOf(NEW));
  // Without the retired key, the old value does not open.
  await assert.rejects(() => createSecretBox([NEW]).then((b) => b.open(sealed, "totp:u_1")), SecretBoxError);
});

Deno.test("rotating re-seals every stored secret; afterwards the retired key can go and everything still opens", async () => {
  await using kv = await openKv(":memory:");
  await storedUnderOld(kv);
  const rotating = await createSecretBox([NEW, OLD]);
  const report = await rotateSecrets(kv, rotating);
  assert.deepEqual(report, {
    currentKeyId: await keyIdOf(NEW),
    examined: 3,
    reencrypted: 3,
    alreadyCurrent: 0,
    failed: [],
    byKind: { two_factor: 1, two_factor_enrolments: 1, sso_configs: 1 },
    backupCodesUnderRetiredKeys: 1,
  });
  const onlyNew = await createSecretBox([NEW]);
  assert.deepEqual(await readAll(kv, onlyNew), ["totp-key-of-u1", "totp-key-of-u2", "client-secret-of-t1"]);
  // Other fields are kept; the enrolment keeps its expiry instant.
  const enrolment = (await kv.get<Record<string, string>>(["two_factor_enrolments", "u_2"])).value!;
  assert.equal(enrolment.staffId, "u_2");

  const again = await rotateSecrets(kv, rotating);
  assert.deepEqual([again.examined, again.reencrypted, again.alreadyCurrent], [3, 0, 3], "idempotent");
});

Deno.test("a value no configured key opens is reported and left as it was", async () => {
  await using kv = await openKv(":memory:");
  await storedUnderOld(kv);
  const report = await rotateSecrets(kv, await createSecretBox([NEW])); // OLD forgotten
  assert.equal(report.reencrypted, 0);
  assert.equal(report.failed.length, 3);
  assert.match(report.failed[0].reason, /does not hold/);
  assert.deepEqual(await readAll(kv, await createSecretBox([OLD])), [
    "totp-key-of-u1",
    "totp-key-of-u2",
    "client-secret-of-t1",
  ]);
});

Deno.test("deno task admin secrets:rotate reports counts, then nothing left to do", async () => {
  const data = dir();
  const kvPath = `${data}/kv.sqlite`;
  {
    await using kv = await openKv(kvPath);
    await storedUnderOld(kv);
  }
  const env = {
    DATA_DIR: data,
    KV_URL: kvPath,
    SECRETS_KEY: NEW,
    SECRETS_KEYS_RETIRED: OLD,
    LOG_LEVEL: "error",
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, Deno.env.get(k)]));
  for (const [k, v] of Object.entries(env)) Deno.env.set(k, v);
  try {
    const run = async () => {
      const out: string[] = [];
      const code = await runCli(ADMIN_COMMANDS, ["secrets:rotate", "--json"], {
        out: (line) => out.push(line),
        err: (line) => out.push(line),
      });
      return { code, result: JSON.parse(out.join("\n")) };
    };
    const first = await run();
    assert.equal(first.code, 0);
    assert.deepEqual([first.result.examined, first.result.reencrypted, first.result.retiredKeysConfigured], [
      3,
      3,
      1,
    ]);
    const second = await run();
    assert.deepEqual([second.result.reencrypted, second.result.alreadyCurrent], [0, 3]);
    // The retired key is removed: everything still reads.
    Deno.env.delete("SECRETS_KEYS_RETIRED");
    const third = await run();
    assert.deepEqual([third.code, third.result.failed], [0, []]);
    await using kv = await openKv(kvPath);
    assert.deepEqual(await readAll(kv, await secretBoxFor(loadConfig().secretsKeys)), [
      "totp-key-of-u1",
      "totp-key-of-u2",
      "client-secret-of-t1",
    ]);
  } finally {
    for (const [k, v] of Object.entries(saved)) v === undefined ? Deno.env.delete(k) : Deno.env.set(k, v);
    await Deno.remove(data, { recursive: true });
  }
});
