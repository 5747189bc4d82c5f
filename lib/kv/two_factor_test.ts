import assert from "node:assert/strict";
import { openKv } from "./open.ts";
import {
  activateTwoFactor,
  CHALLENGE_LIFETIME_MS,
  consumeChallenge,
  ENROLMENT_LIFETIME_MS,
  findChallenge,
  getEnrolment,
  getTwoFactor,
  issueChallenge,
  putEnrolment,
  type TwoFactor,
  updateTwoFactor,
} from "./two_factor.ts";
import { sessionIdOf } from "./sessions.ts";

const T0 = Date.UTC(2025, 5, 2, 9, 0, 0);
const ANA = "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1C";
const NORTH = "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1A";
const SOUTH = "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1B";

const record = (overrides: Partial<TwoFactor> = {}): TwoFactor => ({
  staffId: ANA,
  totpKey: "v1.sealedkey.payload",
  lastUsedStep: 10,
  backupCodes: ["k.h1", "k.h2"],
  enabledAt: new Date(T0).toISOString(),
  backupCodesCreatedAt: new Date(T0).toISOString(),
  updatedAt: new Date(T0).toISOString(),
  ...overrides,
});

Deno.test("a challenge stores only its token's hash, works at its own studio and expires", async () => {
  using kv = await openKv(":memory:");
  const { token, challenge } = await issueChallenge(kv, { staffId: ANA, tenantId: NORTH, next: "/app" }, T0);
  assert.match(token, /^[a-z2-7]{32}$/);
  const keys = (await Array.fromAsync(kv.list({ prefix: [] }))).map((entry) => entry.key);
  assert.deepEqual(keys, [["two_factor_challenges", sessionIdOf(token)]]);

  assert.deepEqual((await findChallenge(kv, token, NORTH, T0))?.value, challenge);
  assert.equal(await findChallenge(kv, token, SOUTH, T0), null, "another studio");
  assert.equal(await findChallenge(kv, token, NORTH, T0 + CHALLENGE_LIFETIME_MS), null, "expired");
  assert.equal(await findChallenge(kv, "not-a-token", NORTH, T0), null);
});

Deno.test("a challenge is consumed once, even by racing requests", async () => {
  using kv = await openKv(":memory:");
  const { token } = await issueChallenge(kv, { staffId: ANA, tenantId: NORTH, next: "" }, T0);
  const entry = (await findChallenge(kv, token, NORTH, T0))!;
  const results = await Promise.all([consumeChallenge(kv, entry), consumeChallenge(kv, entry)]);
  assert.deepEqual(results.toSorted(), [false, true]);
  assert.equal(await findChallenge(kv, token, NORTH, T0), null);
});

Deno.test("an enrolment expires after 15 minutes and is replaced by a new start", async () => {
  using kv = await openKv(":memory:");
  await putEnrolment(kv, ANA, "v1.first", T0);
  await putEnrolment(kv, ANA, "v1.second", T0 + 1000);
  assert.equal((await getEnrolment(kv, ANA, T0 + 1000))?.value.totpKey, "v1.second");
  assert.equal(await getEnrolment(kv, ANA, T0 + 1000 + ENROLMENT_LIFETIME_MS), null);
});

Deno.test("activation uses the enrolment up and fails if it changed or 2FA is already on", async () => {
  using kv = await openKv(":memory:");
  await putEnrolment(kv, ANA, "v1.key", T0);
  const stale = (await getEnrolment(kv, ANA, T0))!;
  await putEnrolment(kv, ANA, "v1.restarted", T0);
  assert.equal(await activateTwoFactor(kv, stale, record()), false, "restarted meanwhile");
  const current = (await getEnrolment(kv, ANA, T0))!;
  assert.equal(await activateTwoFactor(kv, current, record()), true);
  assert.equal(await getEnrolment(kv, ANA, T0), null);
  assert.deepEqual((await getTwoFactor(kv, ANA))?.value, record());

  await putEnrolment(kv, ANA, "v1.again", T0);
  assert.equal(
    await activateTwoFactor(kv, (await getEnrolment(kv, ANA, T0))!, record()),
    false,
    "already on",
  );
});

Deno.test("updates are versionstamp-checked; null turns 2FA off", async () => {
  using kv = await openKv(":memory:");
  await putEnrolment(kv, ANA, "v1.key", T0);
  await activateTwoFactor(kv, (await getEnrolment(kv, ANA, T0))!, record());
  const entry = (await getTwoFactor(kv, ANA))!;
  assert.equal(await updateTwoFactor(kv, entry, record({ lastUsedStep: 11 })), true);
  assert.equal(
    await updateTwoFactor(kv, entry, record({ lastUsedStep: 12 })),
    false,
    "read before the change",
  );
  assert.equal((await getTwoFactor(kv, ANA))?.value.lastUsedStep, 11);
  assert.equal(await updateTwoFactor(kv, (await getTwoFactor(kv, ANA))!, null), true);
  assert.equal(await getTwoFactor(kv, ANA), null);
});
