/**
 * Tax rates as a document uses them: exact percentages, several per line, simple or compound, in an
 * order every line agrees on. See docs/BILLING.md ("Taxes").
 */
import { ValidationError } from "../errors.ts";
import {
  add,
  decimalPlaces,
  div,
  mul,
  ONE,
  parseDecimal,
  type Ratio,
  ratio,
  sum,
  toDecimalText,
} from "./currency_decimal.ts";

/** A tax as a document line names it. */
export interface TaxInput {
  /** The studio's id for this tax rate: lines naming one id share one row of the tax summary. */
  id: string;
  /** As printed: "VAT 19%", "GST", "QST". */
  name: string;
  /** A percentage as an exact decimal: "19", "9.975". Numbers are read through their shortest text. */
  rate: string | number;
  /**
   * Levied on the net plus the taxes listed before it on the line, as Quebec's QST was on top of GST
   * until 2013. Otherwise the tax is levied on the net alone.
   */
  compound?: boolean;
}

/** A validated tax: the rate in its shortest text and as an exact fraction (19% → 19/100). */
export interface Tax {
  id: string;
  name: string;
  rate: string;
  compound: boolean;
  fraction: Ratio;
}

/** The taxes of a document: each distinct tax once in computing order, and each line's taxes in its order. */
export interface DocumentTaxes {
  order: Tax[];
  lines: Tax[][];
}

/** Rates are percentages from 0 to 100 with at most this many decimals (Quebec's QST has 3). */
export const MAX_RATE_DECIMALS = 4;

/**
 * Validates the taxes of every line and puts the distinct taxes in the order they are computed and
 * summarised: first appearance, except that a compound tax comes after every tax it is levied on.
 * One id must mean one tax (same name, rate and kind) across the document, a line names a tax once,
 * and two lines may not compound two taxes in opposite orders. ValidationError on the offending
 * `lines.<i>.taxes[.<j>[.rate]]` field otherwise.
 */
export function resolveTaxes(lines: readonly { taxes: readonly TaxInput[] }[]): DocumentTaxes {
  const byId = new Map<string, { tax: Tax; line: number }>();
  const resolved = lines.map((line, i) => {
    const field = `lines.${i}.taxes`;
    if (!Array.isArray(line?.taxes)) {
      throw new ValidationError({ [field]: "Give the line's taxes as a list." });
    }
    const seen = new Set<string>();
    return line.taxes.map((input, j) => {
      const tax = parseTax(input, `${field}.${j}`);
      if (seen.has(tax.id)) {
        throw new ValidationError({ [`${field}.${j}`]: `The tax "${tax.id}" is on this line twice.` });
      }
      seen.add(tax.id);
      const known = byId.get(tax.id);
      if (!known) byId.set(tax.id, { tax, line: i });
      else if (!sameTax(known.tax, tax)) {
        throw new ValidationError({
          [`${field}.${j}`]: `The tax "${tax.id}" is ${describe(known.tax)} on line ${known.line + 1} ` +
            `but ${describe(tax)} here; one tax id has one name, rate and kind.`,
        });
      }
      return known?.tax ?? tax;
    });
  });
  return { order: computingOrder([...byId.values()].map((v) => v.tax), resolved), lines: resolved };
}

function parseTax(input: TaxInput, field: string): Tax {
  if (typeof input?.id !== "string" || input.id.trim() === "") {
    throw new ValidationError({ [`${field}.id`]: "Every tax needs an id." });
  }
  if (typeof input.name !== "string" || input.name.trim() === "") {
    throw new ValidationError({ [`${field}.name`]: "Every tax needs a name." });
  }
  const fraction = parseTaxRate(input.rate, `${field}.rate`);
  return {
    id: input.id,
    name: input.name,
    rate: toDecimalText(mul(fraction, ratio(100n)))!,
    compound: input.compound === true,
    fraction,
  };
}

/**
 * A percentage rate ("19", "9.975") as the fraction it levies (19/100); a ValidationError on `field`
 * unless it is a decimal from 0 to 100 with at most MAX_RATE_DECIMALS decimals.
 */
export function parseTaxRate(rate: string | number, field = "rate"): Ratio {
  const percent = typeof rate === "string" || typeof rate === "number" ? parseDecimal(rate) : undefined;
  if (
    !percent || percent.n < 0n || percent.n > 100n * percent.d || decimalPlaces(rate) > MAX_RATE_DECIMALS
  ) {
    throw new ValidationError({
      [field]:
        `A tax rate is a percentage from 0 to 100 with at most ${MAX_RATE_DECIMALS} decimals, such as 9.975.`,
    });
  }
  return mul(percent, ratio(1n, 100n));
}

const sameTax = (a: Tax, b: Tax) => a.name === b.name && a.rate === b.rate && a.compound === b.compound;
const describe = (tax: Tax) => `"${tax.name}" at ${tax.rate}%${tax.compound ? " compound" : ""}`;

// Kahn's algorithm over "a compound tax comes after the taxes listed before it on a line", taking the
// earliest-appearing ready tax each time so documents without compounding keep their order.
function computingOrder(taxes: Tax[], lines: Tax[][]): Tax[] {
  const after = new Map<string, Set<string>>(taxes.map((t) => [t.id, new Set()]));
  for (const line of lines) {
    line.forEach((tax, j) => {
      if (tax.compound) { for (const prior of line.slice(0, j)) after.get(tax.id)!.add(prior.id); }
    });
  }
  const order: Tax[] = [];
  const placed = new Set<string>();
  while (order.length < taxes.length) {
    const next = taxes.find((t) => !placed.has(t.id) && [...after.get(t.id)!].every((id) => placed.has(id)));
    if (!next) {
      const stuck = taxes.filter((t) => !placed.has(t.id)).map((t) => `"${t.name}"`).join(", ");
      throw new ValidationError({
        lines: `The compound taxes ${stuck} are applied in opposite orders on different lines.`,
      });
    }
    order.push(next);
    placed.add(next.id);
  }
  return order;
}

/**
 * For a price that includes `taxes` (a line's, in its order), the exact fraction of the price that is
 * each tax. With simple taxes at r₁…rₙ the net is price / (1 + Σr); a compound tax adds its rate on
 * the net and the taxes before it, so the price is net × (1 + a₁ + … + aₙ) where aₖ = rₖ for a simple
 * tax and aₖ = rₖ × (1 + a₁ + … + aₖ₋₁) for a compound one.
 *
 * @example includedTaxShares([vat20]) // [1/6]: 20% VAT is a sixth of a VAT-inclusive price
 */
export function includedTaxShares(taxes: readonly Tax[]): Ratio[] {
  const levies: Ratio[] = [];
  for (const tax of taxes) {
    levies.push(tax.compound ? mul(tax.fraction, add(ONE, sum(levies))) : tax.fraction);
  }
  const gross = add(ONE, sum(levies));
  return levies.map((levy) => div(levy, gross));
}
