import assert from "node:assert/strict";
import fc from "fast-check";
import type { BookingPolicy, CancellationOutcome } from "../../db/schema/mod.ts";
import { ValidationError } from "../errors.ts";
import { createTranslator, formatMoney } from "../i18n/mod.ts";
import {
  bookingPolicySchema,
  cancellationOutcome,
  DEFAULT_POLICY,
  depositFor,
  describePolicy,
  rescheduleOutcome,
  validatePolicy,
} from "./policy.ts";

const H = 3_600_000;
const start = new Date("2026-06-10T14:00:00Z");
const at = (hoursBefore: number) => new Date(start.getTime() - hoursBefore * H);
const policy = (deposit: BookingPolicy["deposit"]): BookingPolicy => ({ ...DEFAULT_POLICY, deposit });

Deno.test("the deposit is a percentage, a flat amount, or the greater of the two, never above the price", () => {
  assert.equal(
    depositFor(policy({ rule: "percent", percentBp: 3000, flatAmount: 0 }), 40_000, "EUR"),
    12_000,
  );
  assert.equal(depositFor(policy({ rule: "flat", percentBp: 0, flatAmount: 5_000 }), 40_000, "EUR"), 5_000);
  assert.equal(
    depositFor(policy({ rule: "greater", percentBp: 1000, flatAmount: 5_000 }), 40_000, "EUR"),
    5_000,
  );
  assert.equal(
    depositFor(policy({ rule: "greater", percentBp: 2500, flatAmount: 5_000 }), 40_000, "EUR"),
    10_000,
  );
  assert.equal(depositFor(policy({ rule: "flat", percentBp: 0, flatAmount: 90_000 }), 40_000, "EUR"), 40_000);
  assert.equal(depositFor(policy({ rule: "none", percentBp: 5000, flatAmount: 5_000 }), 40_000, "EUR"), 0);
  // Yen have no minor unit: 33.33 % of ¥10,001 rounds half up to ¥3,333 — an integer, as stored.
  assert.equal(depositFor(policy({ rule: "percent", percentBp: 3333, flatAmount: 0 }), 10_001, "JPY"), 3_333);
});

Deno.test("cancelling more than 72 h ahead refunds everything; 24–72 h keeps the deposit; under 24 h the full price is due", () => {
  const q = { startsAt: start, price: 40_000, deposit: 12_000, paid: 12_000 };
  assert.deepEqual(pick(cancellationOutcome(DEFAULT_POLICY, { ...q, now: at(100) })), [
    "full_refund",
    12_000,
    0,
    0,
  ]);
  assert.deepEqual(pick(cancellationOutcome(DEFAULT_POLICY, { ...q, now: at(72) })), [
    "full_refund",
    12_000,
    0,
    0,
  ]);
  assert.deepEqual(pick(cancellationOutcome(DEFAULT_POLICY, { ...q, now: at(71.9) })), [
    "deposit_kept",
    0,
    12_000,
    0,
  ]);
  assert.deepEqual(pick(cancellationOutcome(DEFAULT_POLICY, { ...q, now: at(24) })), [
    "deposit_kept",
    0,
    12_000,
    0,
  ]);
  assert.deepEqual(pick(cancellationOutcome(DEFAULT_POLICY, { ...q, now: at(3) })), [
    "full_charge",
    0,
    12_000,
    28_000,
  ]);
  // After the start the last window still applies.
  assert.deepEqual(pick(cancellationOutcome(DEFAULT_POLICY, { ...q, now: at(-1) })), [
    "full_charge",
    0,
    12_000,
    28_000,
  ]);
  // Nothing paid yet: nothing to refund or keep.
  assert.deepEqual(pick(cancellationOutcome(DEFAULT_POLICY, { ...q, paid: 0, now: at(30) })), [
    "deposit_kept",
    0,
    0,
    0,
  ]);
});

function pick(r: ReturnType<typeof cancellationOutcome>) {
  return [r.outcome, r.refund, r.kept, r.due];
}

Deno.test("whatever the policy and the clock, refund + kept = paid and nothing is negative", () => {
  const windows = fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 5 }).chain((
    hours,
  ) =>
    fc.tuple(
      ...hours.sort((a, b) => b - a).map((h) =>
        fc.constantFrom("full_refund", "deposit_kept", "full_charge").map((outcome) => ({
          minHoursBefore: h,
          outcome,
        }))
      ),
    )
  );
  fc.assert(fc.property(
    windows,
    fc.integer({ min: 0, max: 10_000_000 }),
    fc.integer({ min: 0, max: 10_000 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: -100, max: 1000 }),
    (cancellation, price, percentBp, paidShare, hoursBefore) => {
      const p: BookingPolicy = {
        ...DEFAULT_POLICY,
        cancellation,
        deposit: { rule: "percent", percentBp, flatAmount: 0 },
      };
      const deposit = depositFor(p, price, "EUR");
      const paid = Math.floor(price * paidShare);
      const r = cancellationOutcome(p, { startsAt: start, now: at(hoursBefore), price, deposit, paid });
      assert.equal(r.refund + r.kept, paid);
      assert.ok(r.refund >= 0 && r.kept >= 0 && r.due >= 0);
      assert.ok(deposit >= 0 && deposit <= price);
    },
  ));
});

Deno.test("a reschedule keeps the deposit only with enough notice and transfers left", () => {
  assert.deepEqual(rescheduleOutcome(DEFAULT_POLICY, { startsAt: start, now: at(80), transfers: 0 }), {
    keepsDeposit: true,
    reason: "ok",
  });
  assert.equal(
    rescheduleOutcome(DEFAULT_POLICY, { startsAt: start, now: at(10), transfers: 0 }).reason,
    "too_late",
  );
  assert.equal(
    rescheduleOutcome(DEFAULT_POLICY, { startsAt: start, now: at(80), transfers: 1 }).reason,
    "no_transfers_left",
  );
});

Deno.test("a policy whose windows are not from the longest notice down is refused", () => {
  const bad = {
    ...DEFAULT_POLICY,
    cancellation: [{ minHoursBefore: 24, outcome: "full_refund" }, {
      minHoursBefore: 72,
      outcome: "full_charge",
    }],
  };
  assert.equal(bookingPolicySchema.safeParse(bad).success, false);
  assert.equal(bookingPolicySchema.safeParse(DEFAULT_POLICY).success, true);
});

Deno.test("percent deposits round half up to a whole minor unit, exactly, even for prices past 2^53 / 10 000", () => {
  const percent = (bp: number) => policy({ rule: "percent", percentBp: bp, flatAmount: 0 });
  assert.equal(depositFor(percent(2500), 10_002, "EUR"), 2_501, "2500.5 cents rounds up");
  assert.equal(depositFor(percent(2500), 10_001, "EUR"), 2_500, "2500.25 cents rounds down");
  assert.equal(depositFor(percent(5000), 1, "JPY"), 1, "half a yen rounds up to one");
  assert.equal(depositFor(percent(10_000), 123_457, "KWD"), 123_457, "100 % is the price");
  assert.equal(depositFor(percent(3333), 9_007_199_254_740_991, "JPY"), 3_002_099_511_605_172);
  fc.assert(fc.property(
    fc.integer({ min: 0, max: 1_000_000_000_000 }),
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 2_000_000_000_000 }),
    fc.constantFrom<BookingPolicy["deposit"]["rule"]>("none", "percent", "flat", "greater"),
    (price, percentBp, flatAmount, rule) => {
      const deposit = depositFor(policy({ rule, percentBp, flatAmount }), price, "EUR");
      assert.ok(Number.isSafeInteger(deposit) && deposit >= 0 && deposit <= price);
      const exact = (price * percentBp) / 10_000;
      const percentPart = Math.min(
        price,
        Number((BigInt(price) * BigInt(percentBp) * 2n + 10_000n) / 20_000n),
      );
      assert.ok(Math.abs(percentPart - Math.min(exact, price)) <= 0.5 + 1e-6);
      if (rule === "greater") assert.equal(deposit, Math.min(price, Math.max(percentPart, flatAmount)));
    },
  ));
});

Deno.test("a currency that is not ISO 4217 or a price that is not whole minor units is refused", () => {
  assert.throws(
    () => depositFor(DEFAULT_POLICY, 1_000, "EURO"),
    (err) => err instanceof ValidationError && /ISO 4217/.test(err.fields.currency),
  );
  assert.throws(() => depositFor(DEFAULT_POLICY, 10.5, "EUR"), RangeError);
  assert.throws(() => depositFor(DEFAULT_POLICY, -1, "EUR"), RangeError);
});

Deno.test("the outcome names the window that applied and the whole hours of notice", () => {
  const q = { startsAt: start, price: 40_000, deposit: 12_000, paid: 40_000 };
  const r = cancellationOutcome(DEFAULT_POLICY, { ...q, now: at(47.5) });
  assert.deepEqual(r, {
    outcome: "deposit_kept",
    hoursBefore: 47,
    window: { minHoursBefore: 24, outcome: "deposit_kept" },
    refund: 28_000,
    kept: 12_000,
    due: 0,
  });
  assert.equal(cancellationOutcome(DEFAULT_POLICY, { ...q, now: at(-1.5) }).hoursBefore, -2);
});

Deno.test("with no window for short notice, the last window covers it and a started session", () => {
  const lenient: BookingPolicy = {
    ...DEFAULT_POLICY,
    cancellation: [{ minHoursBefore: 48, outcome: "full_refund" }, {
      minHoursBefore: 12,
      outcome: "deposit_kept",
    }],
  };
  const q = { startsAt: start, price: 40_000, deposit: 12_000, paid: 12_000 };
  assert.equal(cancellationOutcome(lenient, { ...q, now: at(2) }).outcome, "deposit_kept");
  assert.equal(cancellationOutcome(lenient, { ...q, now: at(-5) }).outcome, "deposit_kept");
  assert.equal(cancellationOutcome(lenient, { ...q, now: at(48) }).outcome, "full_refund");
});

Deno.test("for any policy, deposit, payment and clock: refund + kept = paid, kept ≤ deposit unless fully charged, due = price − paid only when fully charged", () => {
  const windows = fc.uniqueArray(fc.integer({ min: 0, max: 8760 }), { minLength: 1, maxLength: 6 }).chain((
    hours,
  ) =>
    fc.tuple(
      ...hours.sort((a, b) => b - a).map((h) =>
        fc.constantFrom<CancellationOutcome>("full_refund", "deposit_kept", "full_charge")
          .map((outcome) => ({ minHoursBefore: h, outcome }))
      ),
    )
  );
  const money = fc.integer({ min: 0, max: 50_000_000 }).chain((price) =>
    fc.record({
      price: fc.constant(price),
      deposit: fc.integer({ min: 0, max: price }),
      paid: fc.integer({ min: 0, max: price }),
    })
  );
  fc.assert(
    fc.property(
      windows,
      money,
      fc.integer({ min: -10_000_000, max: 40_000_000 }),
      (cancellation, m, seconds) => {
        const p: BookingPolicy = { ...DEFAULT_POLICY, cancellation };
        const r = cancellationOutcome(p, {
          startsAt: start,
          now: new Date(start.getTime() - seconds * 1000),
          ...m,
        });
        assert.equal(r.refund + r.kept, m.paid);
        assert.ok(r.refund >= 0 && r.kept >= 0 && r.due >= 0);
        assert.ok([r.refund, r.kept, r.due].every(Number.isSafeInteger));
        assert.equal(r.outcome, r.window.outcome);
        assert.ok(cancellation.some((w) => w.minHoursBefore === r.window.minHoursBefore));
        if (r.outcome === "full_refund") assert.equal(r.refund, m.paid);
        if (r.outcome === "deposit_kept") {
          assert.equal(r.kept, Math.min(m.deposit, m.paid));
        }
        assert.equal(r.due, r.outcome === "full_charge" ? m.price - m.paid : 0);
        // More notice never costs the client more (windows are ordered longest notice first).
        const earlier = cancellationOutcome(p, {
          startsAt: start,
          now: new Date(start.getTime() - (seconds + 3600 * 24) * 1000),
          ...m,
        });
        assert.ok(
          cancellation.indexOf(
            cancellation.find((w) => w.minHoursBefore === earlier.window.minHoursBefore)!,
          ) <=
            cancellation.indexOf(cancellation.find((w) => w.minHoursBefore === r.window.minHoursBefore)!),
        );
      },
    ),
  );
});

Deno.test("no transfers allowed: a reschedule never keeps the deposit", () => {
  const strict = { ...DEFAULT_POLICY, maxTransfers: 0 };
  assert.deepEqual(rescheduleOutcome(strict, { startsAt: start, now: at(500), transfers: 0 }), {
    keepsDeposit: false,
    reason: "no_transfers_left",
  });
  assert.equal(
    rescheduleOutcome(DEFAULT_POLICY, { startsAt: start, now: at(72), transfers: 0 }).reason,
    "ok",
  );
});

Deno.test("a policy's problems are named by field", () => {
  const fields = (input: unknown) => {
    try {
      validatePolicy(input);
      return {};
    } catch (err) {
      assert.ok(err instanceof ValidationError);
      return err.fields;
    }
  };
  assert.deepEqual(
    Object.keys(fields({
      deposit: { rule: "percent", percentBp: 10_001, flatAmount: -1 },
      cancellation: [{ minHoursBefore: 24, outcome: "full_refund" }, {
        minHoursBefore: 24,
        outcome: "full_charge",
      }],
      maxTransfers: 11,
      rescheduleMinHours: 8761,
    })).sort(),
    [
      "cancellation.1.minHoursBefore",
      "deposit.flatAmount",
      "deposit.percentBp",
      "maxTransfers",
      "rescheduleMinHours",
    ],
  );
  assert.deepEqual(Object.keys(fields({ ...DEFAULT_POLICY, cancellation: [] })), ["cancellation"]);
  assert.deepEqual(
    Object.keys(fields({ ...DEFAULT_POLICY, cancellation: [{ minHoursBefore: 0, outcome: "nothing" }] })),
    ["cancellation.0.outcome"],
  );
  assert.deepEqual(Object.keys(fields({ ...DEFAULT_POLICY, maxTransfers: 1.5 })), ["maxTransfers"]);
  assert.deepEqual(
    fields({ ...DEFAULT_POLICY, cancellation: [{ minHoursBefore: 0, outcome: "full_charge" }] }),
    {},
  );
  assert.deepEqual(validatePolicy(DEFAULT_POLICY), DEFAULT_POLICY);
});

Deno.test("the client reads the policy as sentences, with the amounts of their booking", () => {
  const { t } = createTranslator("en");
  const euros = (n: number) => formatMoney(n, "EUR", "en");
  assert.deepEqual(describePolicy(DEFAULT_POLICY, t, euros, 40_000), [
    "Deposit: €120.00 (30 % of the price or €0.00, whichever is more), paid when you book.",
    "Cancel 72 h or more before the start: full refund of what you paid.",
    "Cancel between 24 h and 72 h before the start: the deposit (€120.00) is kept, the rest of what you paid is refunded.",
    "Cancel less than 24 h before the start, or after it: the full price (€400.00) is due.",
    "Reschedule 72 h or more before the start and your deposit moves to the new date (once).",
  ]);
  const flat: BookingPolicy = {
    deposit: { rule: "flat", percentBp: 0, flatAmount: 5_000 },
    cancellation: [{ minHoursBefore: 0, outcome: "full_refund" }],
    maxTransfers: 3,
    rescheduleMinHours: 24,
  };
  assert.deepEqual(describePolicy(flat, t, euros), [
    "Deposit: €50.00, paid when you book.",
    "If you cancel: full refund of what you paid.",
    "Reschedule 24 h or more before the start and your deposit moves to the new date (up to 3 times).",
  ]);
  const fr = createTranslator("fr").t;
  const yen = (n: number) => formatMoney(n, "JPY", "fr");
  const lines = describePolicy(
    { ...DEFAULT_POLICY, deposit: { rule: "percent", percentBp: 1250, flatAmount: 0 }, maxTransfers: 0 },
    fr,
    yen,
    10_000,
  );
  assert.match(lines[0], /^Acompte\u00a0: 1\u202f250\u00a0JPY|^Acompte\u00a0: 1\u202f250\u00a0¥/);
  assert.match(lines[0], /12,5\u00a0% du prix/);
  assert.equal(lines.at(-1), "Un acompte payé n’est pas reporté sur une autre date en cas de changement.");
  assert.equal(
    describePolicy({ ...flat, deposit: { rule: "none", percentBp: 0, flatAmount: 0 } }, t, euros, 100)[0],
    "No deposit is taken when you book.",
  );
});
