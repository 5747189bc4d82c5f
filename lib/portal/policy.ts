/**
 * The booking policy engine (issue 7): what deposit an offer asks, what a cancellation costs, whether
 * a rescheduled session keeps its deposit. Pure functions over plain data, no I/O; amounts are whole
 * minor units in the offer's currency and percentages basis points, so every result is exact.
 * docs/PORTAL.md ("Booking offers and policy") explains the rules to staff.
 */
import { z } from "zod";
import type { BookingPolicy, CancellationOutcome } from "../../db/schema/portal.ts";
import type { Translator } from "../i18n/mod.ts";
import { currencyExponent } from "../billing/currency.ts";
import { parseInput } from "../validation.ts";

export type { BookingPolicy, CancellationOutcome };

const HOUR_MS = 3_600_000;

/** Most windows a policy may have: more would not fit on a phone before "Confirm". */
export const MAX_WINDOWS = 6;

/**
 * What a studio gets until it sets its own: the greater of 30 % and a flat amount (0) as deposit;
 * 72 h or more before the start a full refund, 24–72 h the deposit is kept, under 24 h the full price
 * is due; the deposit moves once to a session rescheduled 72 h or more ahead.
 */
export const DEFAULT_POLICY: BookingPolicy = {
  deposit: { rule: "greater", percentBp: 3000, flatAmount: 0 },
  cancellation: [
    { minHoursBefore: 72, outcome: "full_refund" },
    { minHoursBefore: 24, outcome: "deposit_kept" },
    { minHoursBefore: 0, outcome: "full_charge" },
  ],
  maxTransfers: 1,
  rescheduleMinHours: 72,
};

const wholeNumber = (what: string, max: number) =>
  z.number({ error: `Enter ${what} as a whole number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(0, `${capitalized(what)} cannot be negative.`)
    .max(max, `${capitalized(what)} can be at most ${max}.`);

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const outcomeSchema = z.enum(["full_refund", "deposit_kept", "full_charge"], {
  error: "Choose what happens to the money.",
});

/** A policy as forms and the API send it; error paths name fields ("cancellation.1.minHoursBefore"). */
export const bookingPolicySchema = z.object({
  deposit: z.object({
    rule: z.enum(["none", "percent", "flat", "greater"], { error: "Choose how the deposit is set." }),
    percentBp: wholeNumber("the percentage in basis points", 10_000),
    flatAmount: wholeNumber("the amount", Number.MAX_SAFE_INTEGER),
  }),
  cancellation: z.array(z.object({
    minHoursBefore: wholeNumber("the hours", 8760),
    outcome: outcomeSchema,
  }))
    .min(1, "Give at least one cancellation window.")
    .max(MAX_WINDOWS, `Give at most ${MAX_WINDOWS} cancellation windows.`)
    // Runs even when a window has another problem (an outcome not chosen), so a form shows both.
    .superRefine((windows, ctx) => {
      windows.forEach((window, i) => {
        const previous = windows[i - 1];
        if (
          !previous || !Number.isInteger(window?.minHoursBefore) ||
          !Number.isInteger(previous?.minHoursBefore)
        ) {
          return;
        }
        if (window.minHoursBefore >= previous.minHoursBefore) {
          ctx.addIssue({
            code: "custom",
            path: [i, "minHoursBefore"],
            message:
              `List the windows from the longest notice down: give fewer hours than ${previous.minHoursBefore}.`,
          });
        }
      });
    }, { when: (payload) => Array.isArray(payload.value) }),
  maxTransfers: wholeNumber("the number of moves", 10),
  rescheduleMinHours: wholeNumber("the hours", 8760),
});

/** The policy in `input`, or a ValidationError naming each bad field. */
export function validatePolicy(input: unknown): BookingPolicy {
  return parseInput(bookingPolicySchema, input);
}

function assertMinorUnits(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative whole number of minor units, got ${value}`);
  }
}

/**
 * The deposit for a booking at `price` (minor units of `currency`): `percent` is price × percentBp /
 * 10 000 rounded half up to a whole minor unit (a cent, a yen); `flat` is the flat amount; `greater`
 * the larger of the two; `none` nothing. Never more than the price.
 *
 * @example depositFor(DEFAULT_POLICY, 40_000, "EUR") // 12_000: 30 % of €400
 */
export function depositFor(policy: BookingPolicy, price: number, currency: string): number {
  assertMinorUnits(price, "price");
  currencyExponent(currency);
  return depositOf(policy, price);
}

/** The deposit rule itself: minor units in, minor units out, whatever the currency's exponent. */
function depositOf(policy: BookingPolicy, price: number): number {
  const { rule, percentBp, flatAmount } = policy.deposit;
  // BigInt: price × basis points passes 2^53 for large prices in 0-exponent currencies.
  const percent = () => Number((BigInt(price) * BigInt(percentBp) * 2n + 10_000n) / 20_000n);
  const amount = rule === "percent"
    ? percent()
    : rule === "flat"
    ? flatAmount
    : rule === "greater"
    ? Math.max(percent(), flatAmount)
    : 0;
  return Math.min(amount, price);
}

/** A cancellation's money: `refund` + `kept` = what was paid; `due` is what the client still owes. */
export interface CancellationResult {
  outcome: CancellationOutcome;
  /** Whole hours of notice, rounded down; negative once the session has started. */
  hoursBefore: number;
  /** The window that applied. */
  window: { minHoursBefore: number; outcome: CancellationOutcome };
  refund: number;
  kept: number;
  due: number;
}

export interface CancellationFacts {
  startsAt: Date;
  now: Date;
  /** The booking's price, minor units. */
  price: number;
  /** The deposit the booking asked for. */
  deposit: number;
  /** What the client has paid so far (0..price). */
  paid: number;
}

/**
 * What cancelling now costs: the first window (longest notice first) whose `minHoursBefore` the notice
 * reaches applies, and any shorter notice, a session already started included, falls in the last.
 *
 * @example cancellationOutcome(DEFAULT_POLICY, { startsAt, now, price: 40_000, deposit: 12_000, paid: 12_000 })
 * // 48 h before: { outcome: "deposit_kept", refund: 0, kept: 12_000, due: 0, … }
 */
export function cancellationOutcome(policy: BookingPolicy, facts: CancellationFacts): CancellationResult {
  const { price, deposit, paid } = facts;
  assertMinorUnits(price, "price");
  assertMinorUnits(deposit, "deposit");
  assertMinorUnits(paid, "paid");
  const windows = policy.cancellation;
  if (windows.length === 0) throw new RangeError("A policy needs at least one cancellation window");
  const noticeMs = facts.startsAt.getTime() - facts.now.getTime();
  const applied = windows.find((w) => noticeMs >= w.minHoursBefore * HOUR_MS) ?? windows[windows.length - 1];
  const window = { minHoursBefore: applied.minHoursBefore, outcome: applied.outcome };
  const hoursBefore = Math.floor(noticeMs / HOUR_MS);
  const money = applied.outcome === "full_refund"
    ? { refund: paid, kept: 0, due: 0 }
    : applied.outcome === "deposit_kept"
    ? { refund: paid - Math.min(deposit, paid), kept: Math.min(deposit, paid), due: 0 }
    : { refund: 0, kept: paid, due: Math.max(0, price - paid) };
  return { outcome: applied.outcome, hoursBefore, window, ...money };
}

export interface RescheduleResult {
  /** Whether the paid deposit moves to the new session. */
  keepsDeposit: boolean;
  reason: "ok" | "too_late" | "no_transfers_left";
}

/**
 * Whether moving a session now keeps its deposit: it must not have moved `maxTransfers` times already
 * (`transfers` counts the moves so far) and the notice must reach `rescheduleMinHours`.
 */
export function rescheduleOutcome(
  policy: BookingPolicy,
  facts: { startsAt: Date; now: Date; transfers: number },
): RescheduleResult {
  if (facts.transfers >= policy.maxTransfers) return { keepsDeposit: false, reason: "no_transfers_left" };
  const noticeMs = facts.startsAt.getTime() - facts.now.getTime();
  if (noticeMs < policy.rescheduleMinHours * HOUR_MS) return { keepsDeposit: false, reason: "too_late" };
  return { keepsDeposit: true, reason: "ok" };
}

/**
 * The policy as the sentences a client reads before confirming a booking or a cancellation, in the
 * translator's language. With `price`, amounts are spelled out (the deposit, what is kept or due).
 *
 * ```ts
 * describePolicy(offer.policy, t, (n) => formatMoney(n, offer.currency, locale), 40_000)
 * // ["Deposit: 30 % of the price (€120.00).", "72 h or more before the start: full refund of what you paid.", …]
 * ```
 */
export function describePolicy(
  policy: BookingPolicy,
  t: Translator["t"],
  money: (amount: number) => string,
  price?: number,
): string[] {
  const { rule, percentBp, flatAmount } = policy.deposit;
  const percent = percentBp / 100;
  if (price !== undefined) assertMinorUnits(price, "price");
  const deposit = price === undefined ? undefined : depositOf(policy, price);
  const lines: string[] = [];
  if (rule === "none" || (price !== undefined && deposit === 0)) {
    lines.push(t("portal_policy.deposit.none"));
  } else if (rule === "percent") {
    lines.push(
      deposit === undefined
        ? t("portal_policy.deposit.percent", { percent })
        : t("portal_policy.deposit.percent_amount", { percent, amount: money(deposit) }),
    );
  } else if (rule === "flat") {
    lines.push(t("portal_policy.deposit.flat", { amount: money(deposit ?? flatAmount) }));
  } else {
    lines.push(
      deposit === undefined
        ? t("portal_policy.deposit.greater", { percent, flat: money(flatAmount) })
        : t("portal_policy.deposit.greater_amount", {
          percent,
          flat: money(flatAmount),
          amount: money(deposit),
        }),
    );
  }
  const windows = policy.cancellation;
  windows.forEach((window, i) => {
    const outcome = outcomeText(window.outcome, t, money, price, deposit);
    const longer = windows[i - 1]?.minHoursBefore;
    const last = i === windows.length - 1;
    if (longer === undefined && last) lines.push(t("portal_policy.window.always", { outcome }));
    else if (longer === undefined) {
      lines.push(t("portal_policy.window.at_least", { hours: window.minHoursBefore, outcome }));
    } else if (last) lines.push(t("portal_policy.window.less_than", { hours: longer, outcome }));
    else {
      lines.push(t("portal_policy.window.between", { from: window.minHoursBefore, to: longer, outcome }));
    }
  });
  lines.push(
    policy.maxTransfers === 0 ? t("portal_policy.reschedule.never") : t("portal_policy.reschedule.allowed", {
      hours: policy.rescheduleMinHours,
      count: policy.maxTransfers,
    }),
  );
  return lines;
}

function outcomeText(
  outcome: CancellationOutcome,
  t: Translator["t"],
  money: (amount: number) => string,
  price: number | undefined,
  deposit: number | undefined,
): string {
  if (outcome === "full_refund") return t("portal_policy.outcome.full_refund");
  if (outcome === "deposit_kept") {
    return deposit === undefined
      ? t("portal_policy.outcome.deposit_kept")
      : t("portal_policy.outcome.deposit_kept_amount", { amount: money(deposit) });
  }
  return price === undefined
    ? t("portal_policy.outcome.full_charge")
    : t("portal_policy.outcome.full_charge_amount", { amount: money(price) });
}
