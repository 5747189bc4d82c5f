import { formatQuantity, lineAmount, QUANTITY_SCALE } from "./pricing_amount.ts";
import { type PricingInput, validatePricingInput } from "./pricing_input.ts";
import { type BlockIncrements, blockIncrements, localDate, localDaysTouched } from "./pricing_time.ts";

export type { PricingEngineer, PricingGear, PricingInput, PricingRoom } from "./pricing_input.ts";
export type { TimeBlock } from "./pricing_time.ts";

/** Which rate a line is billed at; billing translates descriptions from this, not from the English text. */
export type PriceRate = "hourly" | "night" | "half_day" | "day" | "minimum";
export type PriceUnit = "hour" | "half_day" | "day";

/**
 * One line of a priced booking, ready to become an invoice line. `amount` is always
 * `lineAmount(quantityThousandths, unitPrice)`, so billing can recompute it.
 */
export interface PricedLine {
  kind: "room" | "engineer" | "gear";
  resourceId: string;
  /** English description; `rate`, `unit` and the quantity say the same for other languages. */
  description: string;
  rate: PriceRate;
  /** Index of the block in the input. */
  blockIndex: number;
  /** Local date ("YYYY-MM-DD", studio zone) the block starts on: invoices group lines per day. */
  date: string;
  /** The block's start and end (epoch ms): invoices print the session's times. */
  start: number;
  end: number;
  /** Thousandths of `unit`: 3500 with unit "hour" is 3.5 h. */
  quantityThousandths: number;
  unit: PriceUnit;
  /** Minor units per whole unit. */
  unitPrice: number;
  amount: number;
  currency: string;
}

export interface PricedBooking {
  currency: string;
  lines: PricedLine[];
  /** Sum of the lines' amounts, in minor units. */
  total: number;
}

/**
 * Prices a booking: per block, the room at the cheapest applicable combination of its rates, each
 * engineer at hourly or day rate, and gear add-ons; the rules are in docs/SCHEDULING.md ("Pricing a
 * booking"). Pure: no I/O, the same input always gives the same lines. Throws ValidationError on bad input.
 *
 * @example
 * priceBooking({ currency: "EUR", zone: "Europe/Paris", blocks: [{ start, end }], room, engineers: [], gear: [] })
 *   .total // minor units
 */
export function priceBooking(input: PricingInput): PricedBooking {
  const plan = validatePricingInput(input);
  const { currency, zone, room } = input;
  const increment = plan.incrementMinutes;
  // Whole thousandths of an hour for every allowed increment (see INCREMENT_MINUTES).
  const incrementThousandths = (increment * QUANTITY_SCALE) / 60;
  const packageOf = (rate: number | null | undefined, minutes: number) =>
    rate === null || rate === undefined ? null : { rate, increments: minutes / increment, minutes };
  const roomRates: TimeRates = {
    label: room.name,
    hourly: room.hourlyRate,
    night: room.nightRate ?? null,
    halfDay: packageOf(room.halfDayRate, room.halfDayMinutes),
    day: packageOf(room.dayRate, room.dayMinutes),
    minimumIncrements: room.minimumMinutes / increment,
    minimumMinutes: room.minimumMinutes,
  };

  const lines: PricedLine[] = [];
  for (const blockIndex of plan.order) {
    const block = input.blocks[blockIndex];
    const base = {
      blockIndex,
      date: localDate(block.start, zone),
      start: block.start,
      end: block.end,
      currency,
    };
    const time = blockIncrements(block, increment, zone, plan.night);
    const hours = time.count * incrementThousandths;
    const add = (kind: PricedLine["kind"], resourceId: string, charge: Charge) =>
      lines.push({ kind, resourceId, ...charge, ...base });

    for (const charge of cheapestTimeCharges(roomRates, time, incrementThousandths)) {
      add("room", room.id, charge);
    }

    // Engineers have no night rate: the same increments with none of them at night.
    const withoutNight: BlockIncrements = { count: time.count, nightBefore: time.nightBefore.map(() => 0) };
    for (const engineer of input.engineers) {
      if (engineer.blocks && !engineer.blocks.includes(blockIndex)) continue;
      const rates: TimeRates = {
        label: `Engineer ${engineer.name}`,
        hourly: engineer.hourlyRate,
        night: null,
        halfDay: null,
        day: packageOf(engineer.dayRate, engineer.dayMinutes),
        minimumIncrements: 0,
        minimumMinutes: 0,
      };
      for (const charge of cheapestTimeCharges(rates, withoutNight, incrementThousandths)) {
        add("engineer", engineer.id, charge);
      }
    }

    for (const item of input.gear) {
      if (item.blocks && !item.blocks.includes(blockIndex)) continue;
      const label = item.quantity === 1 ? item.name : `${item.name} × ${item.quantity}`;
      if (item.per === "hour") {
        add(
          "gear",
          item.id,
          charge("hourly", "hour", hours * item.quantity, item.fee, `${label} — ${h(hours)}`),
        );
      } else {
        const days = localDaysTouched(block, zone);
        const text = `${label} — ${days} ${days === 1 ? "day" : "days"}`;
        add("gear", item.id, charge("day", "day", days * item.quantity * QUANTITY_SCALE, item.fee, text));
      }
    }
  }

  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError(`Booking total ${total} is too large`);
  return { currency, lines, total };
}

interface Package {
  rate: number;
  increments: number;
  minutes: number;
}

/** A resource's time rates in one block's terms. */
interface TimeRates {
  label: string;
  hourly: number;
  night: number | null;
  halfDay: Package | null;
  day: Package | null;
  minimumIncrements: number;
  minimumMinutes: number;
}

type Charge = Pick<
  PricedLine,
  "rate" | "unit" | "quantityThousandths" | "unitPrice" | "amount" | "description"
>;

// The one place a line's amount is set, so amount = lineAmount(quantity, unitPrice) holds by construction.
function charge(
  rate: PriceRate,
  unit: PriceUnit,
  quantityThousandths: number,
  unitPrice: number,
  description: string,
): Charge {
  return {
    rate,
    unit,
    quantityThousandths,
    unitPrice,
    amount: lineAmount(quantityThousandths, unitPrice),
    description,
  };
}

/**
 * The cheapest way to bill one block of a resource's time: every combination of day packages, then
 * half-day packages, covering the block from its start, with the rest billed per increment at the
 * hourly or night rate, and any shortfall under the minimum at the hourly rate. Packages may run past
 * the block's end. The amounts compared are the rounded line amounts the client pays; on a tie the
 * combination with fewer packages wins, so plain hourly billing is kept when nothing is cheaper.
 */
function cheapestTimeCharges(
  rates: TimeRates,
  time: BlockIncrements,
  incrementThousandths: number,
): Charge[] {
  const target = Math.max(time.count, rates.minimumIncrements);
  const maxDays = rates.day ? Math.ceil(target / rates.day.increments) : 0;
  let best: Charge[] | null = null;
  let bestCost = Infinity;
  for (let days = 0; days <= maxDays; days++) {
    const left = Math.max(0, target - days * (rates.day?.increments ?? 0));
    const maxHalfDays = rates.halfDay ? Math.ceil(left / rates.halfDay.increments) : 0;
    for (let halfDays = 0; halfDays <= maxHalfDays; halfDays++) {
      const charges = combination(rates, time, days, halfDays, incrementThousandths);
      const cost = charges.reduce((sum, c) => sum + c.amount, 0);
      if (cost < bestCost) {
        best = charges;
        bestCost = cost;
      }
    }
  }
  return best!;
}

function combination(
  rates: TimeRates,
  time: BlockIncrements,
  days: number,
  halfDays: number,
  incrementThousandths: number,
): Charge[] {
  const { label } = rates;
  const covered = days * (rates.day?.increments ?? 0) + halfDays * (rates.halfDay?.increments ?? 0);
  const restNight = covered >= time.count ? 0 : time.nightBefore[time.count] - time.nightBefore[covered];
  const restDay = Math.max(0, time.count - covered) - restNight;
  const shortfall = Math.max(0, rates.minimumIncrements - Math.max(time.count, covered));
  const overtime = days + halfDays > 0 ? "overtime " : "";
  const charges: Charge[] = [];
  if (days > 0) {
    const each = h((rates.day!.minutes * QUANTITY_SCALE) / 60);
    const text = days === 1 ? `${label} — day (${each})` : `${label} — ${days} days (${each} each)`;
    charges.push(charge("day", "day", days * QUANTITY_SCALE, rates.day!.rate, text));
  }
  if (halfDays > 0) {
    const each = h((rates.halfDay!.minutes * QUANTITY_SCALE) / 60);
    const text = halfDays === 1
      ? `${label} — half day (${each})`
      : `${label} — ${halfDays} half days (${each} each)`;
    charges.push(charge("half_day", "half_day", halfDays * QUANTITY_SCALE, rates.halfDay!.rate, text));
  }
  const hourly = (restDay + shortfall) * incrementThousandths;
  if (shortfall > 0) {
    const minimum = h((rates.minimumMinutes * QUANTITY_SCALE) / 60);
    const text = `${label} — ${h(hourly)} at the hourly rate (minimum booking ${minimum})`;
    charges.push(charge("minimum", "hour", hourly, rates.hourly, text));
  } else if (hourly > 0) {
    charges.push(
      charge("hourly", "hour", hourly, rates.hourly, `${label} — ${h(hourly)} ${overtime}at the hourly rate`),
    );
  }
  if (restNight > 0) {
    const night = restNight * incrementThousandths;
    charges.push(
      charge("night", "hour", night, rates.night!, `${label} — ${h(night)} ${overtime}at the night rate`),
    );
  }
  return charges;
}

function h(thousandths: number): string {
  return `${formatQuantity(thousandths)} h`;
}
