import assert from "node:assert/strict";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createSecretBox } from "../crypto/secret_box.ts";
import { RateLimitedError, ValidationError } from "../errors.ts";
import { openKv } from "../kv/open.ts";
import { createSession, listSessions } from "../kv/sessions.ts";
import { createStaff } from "../kv/staff.ts";
import { getEnrolment, getTwoFactor } from "../kv/two_factor.ts";
import { hashPassword } from "./password.ts";
import {
  disableTwoFactor,
  enableTwoFactor,
  pendingTwoFactorSetup,
  regenerateBackupCodes,
  SecondFactorRefused,
  startTwoFactorSetup,
  TWO_FACTOR_PER_ACCOUNT,
  type TwoFactorActor,
  TwoFactorStateConflict,
  twoFactorStatus,
  verifySecondFactor,
} from "./two_factor.ts";
import { TOTP_PERIOD_SECONDS, totpCodeAt, totpStep } from "./two_factor_codes.ts";

const PASSWORD = "violet tractor singing";
const STEP_MS = TOTP_PERIOD_SECONDS * 1000;
// A fixed clock: every code below is computed for a known step, so no test races a step boundary.
const T0 = Date.UTC(2025, 5, 2, 9, 0, 10);
const S0 = totpStep(T0);

async function setup() {
  const kv = await openKv(":memory:");
  const box = await createSecretBox(["test secret that is long enough to derive keys"]);
  const ana = await createStaff(kv, {
    email: "ana@example.com",
    name: "Ana Lima",
    passwordHash: await hashPassword(PASSWORD),
  });
  const actor: TwoFactorActor = { staffId: ana.id, email: ana.email, ip: "203.0.113.7" };
  return { kv, box, ana, actor };
}

/** Sets 2FA up and turns it on at T0; returns the key as the app would hold it and the backup codes. */
async function turnedOn() {
  const s = await setup();
  const shown = await startTwoFactorSetup(s.kv, s.box, s.actor, { password: PASSWORD }, T0);
  const key = decodeBase32IgnorePadding(shown.key.replaceAll(" ", ""));
  const { backupCodes } = await enableTwoFactor(s.kv, s.box, s.actor, totpCodeAt(key, S0), undefined, T0);
  return { ...s, key, backupCodes };
}

const refused = (reason: "wrong" | "reused") => (err: unknown) =>
  err instanceof SecondFactorRefused && err.reason === reason;

Deno.test("setting up asks for the password, and 2FA is on only after the first right code", async () => {
  const { kv, box, actor } = await setup();
  using _ = kv;
  await assert.rejects(
    startTwoFactorSetup(kv, box, actor, { password: "not it" }, T0),
    (err: unknown) => err instanceof ValidationError && "password" in err.fields,
  );
  const shown = await startTwoFactorSetup(kv, box, actor, { password: PASSWORD }, T0);
  assert.match(shown.key, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  assert.ok(shown.uri.includes(`secret=${shown.key.replaceAll(" ", "")}`));
  assert.deepEqual(await pendingTwoFactorSetup(kv, box, actor, T0), shown, "shown again on reload");
  assert.deepEqual(await twoFactorStatus(kv, actor.staffId), { enabled: false });

  const key = decodeBase32IgnorePadding(shown.key.replaceAll(" ", ""));
  await assert.rejects(
    enableTwoFactor(kv, box, actor, totpCodeAt(key, S0 + 5), undefined, T0),
    refused("wrong"),
  );
  assert.deepEqual(await twoFactorStatus(kv, actor.staffId), { enabled: false }, "still off");

  const { backupCodes } = await enableTwoFactor(kv, box, actor, totpCodeAt(key, S0), undefined, T0);
  assert.equal(backupCodes.length, 10);
  const status = await twoFactorStatus(kv, actor.staffId);
  assert.ok(status.enabled && status.backupCodesLeft === 10);
  assert.equal(await getEnrolment(kv, actor.staffId, T0), null, "the set-up is used up");
  await assert.rejects(
    startTwoFactorSetup(kv, box, actor, { password: PASSWORD }, T0),
    (err: unknown) => err instanceof TwoFactorStateConflict && err.state === "on",
  );
});

Deno.test("an abandoned set-up expires after 15 minutes", async () => {
  const { kv, box, actor } = await setup();
  using _ = kv;
  const shown = await startTwoFactorSetup(kv, box, actor, { password: PASSWORD }, T0);
  const key = decodeBase32IgnorePadding(shown.key.replaceAll(" ", ""));
  const later = T0 + 15 * 60_000;
  assert.equal(await pendingTwoFactorSetup(kv, box, actor, later), null);
  await assert.rejects(
    enableTwoFactor(kv, box, actor, totpCodeAt(key, totpStep(later)), undefined, later),
    (err: unknown) => err instanceof TwoFactorStateConflict && err.state === "setup_expired",
  );
});

Deno.test("KV holds the key sealed and the backup codes hashed, never in the clear", async () => {
  const { kv, actor, key, backupCodes } = await turnedOn();
  using _ = kv;
  const dump = JSON.stringify(
    (await Array.fromAsync(kv.list({ prefix: [] }))).map((entry) => entry.value),
  );
  const base32 = encodeBase32UpperCaseNoPadding(key);
  assert.ok(!dump.includes(base32));
  for (const code of backupCodes) {
    assert.ok(!dump.includes(code) && !dump.includes(code.replace("-", "")), code);
  }
  const record = (await getTwoFactor(kv, actor.staffId))!.value;
  assert.match(record.totpKey, /^v1\./);
  assert.equal(record.backupCodes.length, 10);
});

Deno.test("a right code passes; a wrong one is refused", async () => {
  const { kv, box, actor, key } = await turnedOn();
  using _ = kv;
  const now = T0 + 3 * STEP_MS;
  await assert.rejects(
    verifySecondFactor(kv, box, actor, { code: "000000" }, undefined, now),
    refused("wrong"),
  );
  assert.deepEqual(
    await verifySecondFactor(kv, box, actor, { code: totpCodeAt(key, totpStep(now)) }, undefined, now),
    {
      method: "totp",
      backupCodesLeft: 10,
    },
  );
});

Deno.test("codes one step either side of now pass, two steps away do not", async () => {
  const { kv, box, actor, key } = await turnedOn();
  using _ = kv;
  const now = T0 + 10 * STEP_MS;
  const step = totpStep(now);
  await assert.rejects(
    verifySecondFactor(kv, box, actor, { code: totpCodeAt(key, step - 2) }, undefined, now),
    refused("wrong"),
  );
  await verifySecondFactor(kv, box, actor, { code: totpCodeAt(key, step - 1) }, undefined, now);
  await verifySecondFactor(kv, box, actor, { code: totpCodeAt(key, step + 1) }, undefined, now);
  await assert.rejects(
    verifySecondFactor(kv, box, actor, { code: totpCodeAt(key, step + 2) }, undefined, now),
    refused("wrong"),
  );
});

Deno.test("a code is accepted once: replaying it, or an older one, is refused", async () => {
  const { kv, box, actor, key } = await turnedOn();
  using _ = kv;
  await assert.rejects(
    verifySecondFactor(kv, box, actor, { code: totpCodeAt(key, S0) }, undefined, T0),
    refused("reused"),
    "the code that turned 2FA on cannot also sign in",
  );
  const now = T0 + STEP_MS;
  const code = totpCodeAt(key, S0 + 1);
  await verifySecondFactor(kv, box, actor, { code }, undefined, now);
  await assert.rejects(verifySecondFactor(kv, box, actor, { code }, undefined, now), refused("reused"));
});

Deno.test("of requests racing with one code, exactly one gets through", async () => {
  const { kv, box, actor, key } = await turnedOn();
  using _ = kv;
  const now = T0 + STEP_MS;
  const code = totpCodeAt(key, S0 + 1);
  const results = await Promise.allSettled(
    Array.from({ length: 4 }, () => verifySecondFactor(kv, box, actor, { code }, undefined, now)),
  );
  assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
  for (const r of results) if (r.status === "rejected") assert.ok(refused("reused")(r.reason));
});

Deno.test("each backup code works once, whatever its case or hyphen", async () => {
  const { kv, box, actor, backupCodes } = await turnedOn();
  using _ = kv;
  const [first, second] = backupCodes;
  assert.deepEqual(
    await verifySecondFactor(kv, box, actor, { backupCode: first.toUpperCase() }, undefined, T0),
    {
      method: "backup_code",
      backupCodesLeft: 9,
    },
  );
  await assert.rejects(
    verifySecondFactor(kv, box, actor, { backupCode: first }, undefined, T0),
    refused("wrong"),
  );
  await verifySecondFactor(kv, box, actor, { backupCode: second.replace("-", "") }, undefined, T0);
  await assert.rejects(
    verifySecondFactor(kv, box, actor, { backupCode: "zzzzz-zzzzz" }, undefined, T0),
    refused("wrong"),
  );
  const status = await twoFactorStatus(kv, actor.staffId);
  assert.ok(status.enabled && status.backupCodesLeft === 8);
});

Deno.test("new backup codes replace the old ones entirely", async () => {
  const { kv, box, actor, backupCodes } = await turnedOn();
  using _ = kv;
  const fresh = await regenerateBackupCodes(kv, box, actor, { backupCode: backupCodes[0] }, undefined, T0);
  assert.equal(fresh.backupCodes.length, 10);
  assert.equal(fresh.backupCodes.filter((code) => backupCodes.includes(code)).length, 0);
  for (const old of backupCodes.slice(1, 3)) {
    await assert.rejects(
      verifySecondFactor(kv, box, actor, { backupCode: old }, undefined, T0),
      refused("wrong"),
    );
  }
  await verifySecondFactor(kv, box, actor, { backupCode: fresh.backupCodes[0] }, undefined, T0);
  const status = await twoFactorStatus(kv, actor.staffId);
  assert.ok(status.enabled && status.backupCodesLeft === 9);
});

Deno.test("turning 2FA off needs a right code, and ends the person's other sessions", async () => {
  const { kv, box, actor, key } = await turnedOn();
  using _ = kv;
  const here = await createSession(kv, { staffId: actor.staffId, tenantId: "t_A" });
  await createSession(kv, { staffId: actor.staffId, tenantId: "t_A" });
  await createSession(kv, { staffId: actor.staffId, tenantId: "t_B" });
  const me = { ...actor, sessionId: here.session.id };
  const now = T0 + STEP_MS;
  await assert.rejects(disableTwoFactor(kv, box, me, { code: "123456" }, undefined, now), refused("wrong"));
  assert.ok((await twoFactorStatus(kv, actor.staffId)).enabled);
  assert.equal((await listSessions(kv, actor.staffId)).length, 3, "a refused attempt changes nothing");

  await disableTwoFactor(kv, box, me, { code: totpCodeAt(key, S0 + 1) }, undefined, now);
  assert.deepEqual(await twoFactorStatus(kv, actor.staffId), { enabled: false });
  assert.deepEqual((await listSessions(kv, actor.staffId)).map((s) => s.id), [here.session.id]);
  await assert.rejects(
    verifySecondFactor(kv, box, actor, { code: totpCodeAt(key, S0 + 2) }, undefined, now),
    (err: unknown) => err instanceof TwoFactorStateConflict && err.state === "off",
  );
});

Deno.test("turning 2FA on ends the person's other sessions but not this one", async () => {
  const { kv, box, actor } = await setup();
  using _ = kv;
  const here = await createSession(kv, { staffId: actor.staffId, tenantId: "t_A" });
  await createSession(kv, { staffId: actor.staffId, tenantId: "t_B" });
  const me = { ...actor, sessionId: here.session.id };
  const shown = await startTwoFactorSetup(kv, box, me, { password: PASSWORD }, T0);
  const key = decodeBase32IgnorePadding(shown.key.replaceAll(" ", ""));
  await enableTwoFactor(kv, box, me, totpCodeAt(key, S0), undefined, T0);
  assert.deepEqual((await listSessions(kv, actor.staffId)).map((s) => s.id), [here.session.id]);
});

Deno.test("wrong codes are rate limited per person, and then even a right code waits", async () => {
  const { kv, box, actor, key } = await turnedOn();
  using _ = kv;
  const now = T0 + STEP_MS;
  for (let i = 0; i < TWO_FACTOR_PER_ACCOUNT.limit; i++) {
    await assert.rejects(
      verifySecondFactor(kv, box, actor, { code: String(100000 + i) }, undefined, now),
      SecondFactorRefused,
    );
  }
  await assert.rejects(
    verifySecondFactor(kv, box, actor, { code: totpCodeAt(key, S0 + 1) }, undefined, now),
    (err: unknown) => err instanceof RateLimitedError && err.retryAfterSeconds > 0,
  );
  await assert.rejects(
    disableTwoFactor(kv, box, actor, { code: totpCodeAt(key, S0 + 1) }, undefined, now),
    RateLimitedError,
    "the same limit covers turning 2FA off",
  );
  const afterWindow = now + TWO_FACTOR_PER_ACCOUNT.windowMs;
  await verifySecondFactor(
    kv,
    box,
    actor,
    { code: totpCodeAt(key, totpStep(afterWindow)) },
    undefined,
    afterWindow,
  );
});

Deno.test("a right code clears the count of earlier wrong ones", async () => {
  const { kv, box, actor, key } = await turnedOn();
  using _ = kv;
  const now = T0 + STEP_MS;
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < TWO_FACTOR_PER_ACCOUNT.limit - 1; i++) {
      await assert.rejects(verifySecondFactor(kv, box, actor, { code: "999999" }, undefined, now));
    }
    const later = now + round * STEP_MS;
    await verifySecondFactor(kv, box, actor, { code: totpCodeAt(key, totpStep(later)) }, undefined, later);
  }
});
