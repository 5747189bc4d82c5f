/**
 * The totals engine: one pure function from a document's lines to every figure pages, PDFs, payments
 * and the API print. Whole minor units in and out, exact decimals for quantities and rates, rounding
 * only at the points docs/BILLING.md ("Totals and rounding") lists.
 */
import { ValidationError } from "../errors.ts";
import { problem, ResourceValidationError } from "../validation_messages.ts";
import {
  convertAmount,
  currencyExponent,
  type MinorUnits,
  normalizeExchangeRate,
  safeNumber,
  wholeMinorUnits,
} from "./currency.ts";
import {
  decimalPlaces,
  mul,
  parseDecimal,
  ratio,
  roundHalfAwayFromZero,
  sum,
  ZERO,
} from "./currency_decimal.ts";
import { includedTaxShares, resolveTaxes, type Tax, type TaxInput } from "./tax.ts";
import { apportion, roundTable, roundToTotal } from "./totals_allocate.ts";

export type { TaxInput } from "./tax.ts";

/**
 * Where taxes are rounded to the minor unit: on each line (then summed), or once per tax on the
 * document's total base (then spread back over the lines). A studio setting; Japan's qualified
 * invoices, for one, require per_document.
 */
export type RoundingMode = "per_line" | "per_document";

/** A percentage ("10", "12.5") or a fixed amount in minor units. */
export type Discount = { percent: string | number } | { amount: MinorUnits };

export interface LineInput {
  /** An exact decimal of zero or more with at most 6 decimals: "2.5" hours, 3 takes. */
  quantity: string | number;
  /** Minor units per unit, zero or more; including the line's taxes when the document's prices do. */
  unitPrice: MinorUnits;
  discount?: Discount;
  /** In the order they are levied; a compound tax is levied on the net and the taxes before it. */
  taxes: readonly TaxInput[];
}

export interface DocumentInput {
  /** ISO 4217 code of the document (the client's currency). */
  currency: string;
  roundingMode: RoundingMode;
  /** Unit prices include the taxes (a consumer price list); the taxes are then extracted. */
  pricesIncludeTax: boolean;
  lines: readonly LineInput[];
  /** Off the whole document, after line discounts; shared over the lines by their amounts. */
  documentDiscount?: Discount;
  /** Deposit invoices already paid that this document settles. */
  depositsPaid?: MinorUnits;
  /** Payments already received against this document. */
  paymentsMade?: MinorUnits;
  /** The studio's base currency and units of it per unit of the document's currency, as stored on the document. */
  exchange?: { baseCurrency: string; rate: string };
}

export interface LineTax {
  id: string;
  /** What the rate applied to: the line's net, plus the taxes before it for a compound tax. */
  base: number;
  amount: number;
}

export interface LineTotals {
  /** Quantity × unit price, rounded once to the minor unit; tax-inclusive when the prices are. */
  amount: number;
  /** The line's own discount. */
  discount: number;
  /** The line's share of the document discount. */
  documentDiscount: number;
  /** Excluding tax, after both discounts. */
  net: number;
  taxes: LineTax[];
  taxTotal: number;
  /** net + taxTotal. */
  gross: number;
}

/** One row per tax of the document, as PDFs print it. */
export interface TaxSummaryRow {
  id: string;
  name: string;
  /** The percentage in its shortest text: "9.975". */
  rate: string;
  compound: boolean;
  /** Σ of the lines' bases for this tax. */
  base: number;
  /** Σ of the lines' amounts for this tax. */
  amount: number;
}

/** The figures reports need in the studio's base currency, each converted once at the document's rate. */
export interface BaseCurrencyTotals {
  currency: string;
  rate: string;
  netTotal: number;
  taxSummary: { id: string; base: number; amount: number }[];
  /** Σ of the converted tax amounts (VAT law wants each rate's tax in the national currency). */
  taxTotal: number;
  /** netTotal + taxTotal, so the converted figures add up. */
  total: number;
}

export interface DocumentTotals {
  currency: string;
  roundingMode: RoundingMode;
  pricesIncludeTax: boolean;
  lines: LineTotals[];
  /** Σ line amounts before any discount (tax-inclusive when the prices are). */
  subtotal: number;
  lineDiscountTotal: number;
  documentDiscount: number;
  /** lineDiscountTotal + documentDiscount. */
  discountTotal: number;
  /** Σ line nets: the total excluding tax. */
  netTotal: number;
  taxSummary: TaxSummaryRow[];
  taxTotal: number;
  /** Σ line grosses = netTotal + taxTotal. */
  total: number;
  depositsPaid: number;
  paymentsMade: number;
  /** total − depositsPaid − paymentsMade; negative when the client has paid more than the total. */
  amountDue: number;
  inBaseCurrency?: BaseCurrencyTotals;
}

export const MAX_QUANTITY_DECIMALS = 6;
const MAX_PERCENT_DECIMALS = 4;

/**
 * Computes every total of a quote, invoice or credit note. Pure and deterministic; throws a
 * ValidationError naming the offending field (`lines.2.quantity`) for input that breaks a rule.
 *
 * For every input: Σ line grosses = total = netTotal + taxTotal; the tax summary adds up to
 * taxTotal and each row to its lines; with exclusive prices total = subtotal − discountTotal +
 * taxTotal, with inclusive prices total = subtotal − discountTotal.
 *
 * @example
 * computeTotals({
 *   currency: "EUR", roundingMode: "per_line", pricesIncludeTax: false,
 *   lines: [{ quantity: "1", unitPrice: 100000, taxes: [{ id: "vat19", name: "VAT", rate: "19" }] }],
 * }).total // 119000: 1,000.00 + 19% = 1,190.00
 */
export function computeTotals(doc: DocumentInput): DocumentTotals {
  const currency = String(doc.currency ?? "").toUpperCase();
  currencyExponent(currency);
  if (doc.roundingMode !== "per_line" && doc.roundingMode !== "per_document") {
    throw new ValidationError({ roundingMode: 'Choose "per_line" or "per_document" rounding.' });
  }
  if (typeof doc.pricesIncludeTax !== "boolean") {
    throw new ValidationError({ pricesIncludeTax: "Say whether the prices include tax." });
  }
  if (!Array.isArray(doc.lines)) throw new ValidationError({ lines: "Give the document's lines as a list." });
  const taxes = resolveTaxes(doc.lines);

  const amounts = doc.lines.map((line, i) => lineAmount(line, `lines.${i}`));
  const lineDiscounts = doc.lines.map((line, i) =>
    discount(line.discount, amounts[i], `lines.${i}.discount`)
  );
  const discounted = amounts.map((amount, i) => amount - lineDiscounts[i]);
  const documentDiscount = discount(doc.documentDiscount, total(discounted), "documentDiscount");
  // EU VAT (Directive 2006/112/EC, art. 79) lowers each rate's taxable amount by its share of a
  // discount, so the document discount is spread over the lines before any tax is computed.
  const shares = apportion(documentDiscount, discounted);
  const basis = discounted.map((amount, i) => amount - shares[i]);

  const levied = doc.pricesIncludeTax
    ? includedTaxes(basis, taxes, doc.roundingMode)
    : addedTaxes(basis, taxes, doc.roundingMode);

  const lines = doc.lines.map((_, i) => {
    const taxTotal = total(levied[i].map((t) => t.amount));
    const net = doc.pricesIncludeTax ? basis[i] - taxTotal : basis[i];
    return { amount: amounts[i], discount: lineDiscounts[i], documentDiscount: shares[i], net, taxTotal };
  });
  const taxSummary = taxes.order.map((tax) => {
    const rows = levied.flatMap((line) => line.filter((t) => t.tax === tax));
    return { tax, base: total(rows.map((t) => t.base)), amount: total(rows.map((t) => t.amount)) };
  });

  const netTotal = total(lines.map((l) => l.net));
  const taxTotal = total(taxSummary.map((t) => t.amount));
  const depositsPaid = nonNegative(doc.depositsPaid ?? 0, "depositsPaid");
  const paymentsMade = nonNegative(doc.paymentsMade ?? 0, "paymentsMade");
  const lineDiscountTotal = total(lineDiscounts);
  const n = (value: bigint) => safeNumber(value, "lines");

  const result: DocumentTotals = {
    currency,
    roundingMode: doc.roundingMode,
    pricesIncludeTax: doc.pricesIncludeTax,
    lines: lines.map((line, i) => ({
      amount: n(line.amount),
      discount: n(line.discount),
      documentDiscount: n(line.documentDiscount),
      net: n(line.net),
      taxes: levied[i].map((t) => ({ id: t.tax.id, base: n(t.base), amount: n(t.amount) })),
      taxTotal: n(line.taxTotal),
      gross: n(line.net + line.taxTotal),
    })),
    subtotal: n(total(amounts)),
    lineDiscountTotal: n(lineDiscountTotal),
    documentDiscount: n(documentDiscount),
    discountTotal: n(lineDiscountTotal + documentDiscount),
    netTotal: n(netTotal),
    taxSummary: taxSummary.map(({ tax, base, amount }) => ({
      id: tax.id,
      name: tax.name,
      rate: tax.rate,
      compound: tax.compound,
      base: n(base),
      amount: n(amount),
    })),
    taxTotal: n(taxTotal),
    total: n(netTotal + taxTotal),
    depositsPaid: n(depositsPaid),
    paymentsMade: n(paymentsMade),
    amountDue: n(netTotal + taxTotal - depositsPaid - paymentsMade),
  };
  if (doc.exchange) result.inBaseCurrency = inBaseCurrency(result, doc.exchange);
  return result;
}

interface Levied {
  tax: Tax;
  base: bigint;
  amount: bigint;
}

const total = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);

function lineAmount(line: LineInput, field: string): bigint {
  if (typeof line !== "object" || line === null) {
    throw new ValidationError({ [field]: "Every line is an object." });
  }
  const quantity = typeof line.quantity === "string" || typeof line.quantity === "number"
    ? parseDecimal(line.quantity)
    : undefined;
  if (!quantity || quantity.n < 0n || decimalPlaces(line.quantity) > MAX_QUANTITY_DECIMALS) {
    throw new ResourceValidationError({
      [`${field}.quantity`]: problem("billing.error.quantity_rule", { max: MAX_QUANTITY_DECIMALS }),
    });
  }
  const unitPrice = nonNegative(line.unitPrice, `${field}.unitPrice`);
  return roundHalfAwayFromZero(mul(quantity, ratio(unitPrice)));
}

function nonNegative(value: MinorUnits, field: string): bigint {
  const units = wholeMinorUnits(value, field);
  if (units < 0n) {
    throw new ResourceValidationError({ [field]: problem("billing.error.amount_negative_total") });
  }
  return units;
}

function discount(value: Discount | undefined, amount: bigint, field: string): bigint {
  if (value === undefined) return 0n;
  if (typeof value === "object" && value !== null && "percent" in value) {
    const percent = typeof value.percent === "string" || typeof value.percent === "number"
      ? parseDecimal(value.percent)
      : undefined;
    if (
      !percent || percent.n < 0n || percent.n > 100n * percent.d ||
      decimalPlaces(value.percent) > MAX_PERCENT_DECIMALS
    ) {
      throw new ResourceValidationError({
        [`${field}.percent`]: problem("billing.error.percent_rule", { max: MAX_PERCENT_DECIMALS }),
      });
    }
    return roundHalfAwayFromZero(mul(ratio(amount), mul(percent, ratio(1n, 100n))));
  }
  if (typeof value === "object" && value !== null && "amount" in value) {
    const units = nonNegative(value.amount, `${field}.amount`);
    if (units > amount) {
      throw new ResourceValidationError({ [`${field}.amount`]: problem("billing.error.discount_too_large") });
    }
    return units;
  }
  throw new ValidationError({ [field]: "A discount is { percent } or { amount }." });
}

// Exclusive prices: the net is the basis and each tax is added on top. Taxes go in computing order so
// a compound tax's base already holds the rounded taxes before it on its line.
function addedTaxes(
  basis: bigint[],
  taxes: { order: Tax[]; lines: Tax[][] },
  mode: RoundingMode,
): Levied[][] {
  const levied: Levied[][] = taxes.lines.map(() => []);
  const baseOf = (i: number, tax: Tax) => {
    if (!tax.compound) return basis[i];
    const before = taxes.lines[i].slice(0, taxes.lines[i].indexOf(tax));
    return basis[i] + total(levied[i].filter((t) => before.includes(t.tax)).map((t) => t.amount));
  };
  for (const tax of taxes.order) {
    const lines = taxes.lines.flatMap((line, i) => line.includes(tax) ? [i] : []);
    const bases = lines.map((i) => baseOf(i, tax));
    const exact = bases.map((base) => mul(ratio(base), tax.fraction));
    const amounts = mode === "per_line"
      ? exact.map(roundHalfAwayFromZero)
      : roundToTotal(exact, roundHalfAwayFromZero(sum(exact)));
    lines.forEach((i, at) => levied[i].push({ tax, base: bases[at], amount: amounts[at] }));
  }
  return taxes.lines.map((line, i) => line.map((tax) => levied[i].find((t) => t.tax === tax)!));
}

// Inclusive prices: the basis is the gross; each tax is its exact share of it (includedTaxShares),
// rounded so that net + taxes = gross holds on every line.
function includedTaxes(
  basis: bigint[],
  taxes: { order: Tax[]; lines: Tax[][] },
  mode: RoundingMode,
): Levied[][] {
  const exact = taxes.lines.map((line, i) => {
    const shares = includedTaxShares(line);
    return taxes.order.map((tax) => {
      const at = line.indexOf(tax);
      return at < 0 ? ZERO : mul(shares[at], ratio(basis[i]));
    });
  });
  const amounts: bigint[][] = mode === "per_line"
    ? exact.map((row, i) => {
      const rounded = row.map(roundHalfAwayFromZero);
      // Rounding each tax alone takes more than the price only in absurd cases (three 100% taxes on
      // a line of 2 minor units); such a line's tax total is rounded once and split instead.
      return total(rounded) <= basis[i] ? rounded : roundToTotal(row, roundHalfAwayFromZero(sum(row)));
    })
    : roundTable(
      exact,
      taxes.order.map((_, k) => roundHalfAwayFromZero(sum(exact.map((row) => row[k])))),
      basis,
    );
  return taxes.lines.map((line, i) => {
    const net = basis[i] - total(amounts[i]);
    return line.map((tax) => {
      const before = tax.compound ? line.slice(0, line.indexOf(tax)) : [];
      const priorTaxes = total(before.map((prior) => amounts[i][taxes.order.indexOf(prior)]));
      return { tax, base: net + priorTaxes, amount: amounts[i][taxes.order.indexOf(tax)] };
    });
  });
}

function inBaseCurrency(
  totals: DocumentTotals,
  exchange: { baseCurrency: string; rate: string },
): BaseCurrencyTotals {
  const to = String(exchange.baseCurrency ?? "").toUpperCase();
  currencyExponent(to, "exchange.baseCurrency");
  const rate = normalizeExchangeRate(exchange.rate, "exchange.rate");
  if (to === totals.currency && rate !== "1") {
    throw new ValidationError({
      "exchange.rate": "A document in the base currency has the exchange rate 1.",
    });
  }
  const convert = (amount: number) => convertAmount(amount, { from: totals.currency, to, rate });
  const taxSummary = totals.taxSummary.map((t) => ({
    id: t.id,
    base: convert(t.base),
    amount: convert(t.amount),
  }));
  const netTotal = convert(totals.netTotal);
  const taxTotal = taxSummary.reduce((a, t) => a + t.amount, 0);
  return { currency: to, rate, netTotal, taxSummary, taxTotal, total: netTotal + taxTotal };
}
