import assert from "node:assert/strict";
import fc from "fast-check";
import { ValidationError } from "../errors.ts";
import {
  ACTIVE_CURRENCIES,
  convertAmount,
  currencyExponent,
  formatAmount,
  fromDecimalAmount,
  isActiveCurrency,
  normalizeExchangeRate,
  parseAmount,
  toDecimalAmount,
} from "./currency.ts";

// Intl puts U+202F / U+00A0 into French and German output; the tests read better with plain spaces.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

/** The message a ValidationError carries for `field`, or a failure if something else was thrown. */
function problem(fn: () => unknown, field = "amount"): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${error}`);
    assert.ok(field in error.fields, `expected an error on ${field}, got ${JSON.stringify(error.fields)}`);
    return error.fields[field];
  }
  throw new assert.AssertionError({ message: "expected a ValidationError" });
}

Deno.test("each currency has its ISO 4217 exponent: JPY 0, EUR 2, KWD 3, BHD 3, CLP 0, ISK 0", () => {
  const expected = { JPY: 0, EUR: 2, KWD: 3, BHD: 3, CLP: 0, ISK: 0, USD: 2, TND: 3, KRW: 0, CLF: 4 };
  for (const [code, digits] of Object.entries(expected)) assert.equal(currencyExponent(code), digits, code);
  assert.equal(currencyExponent("kwd"), 3);
});

Deno.test("the table, not Intl, decides where the two disagree", () => {
  // CLDR shows Iraqi and Serbian dinars without decimals; ISO 4217 gives them 3 and 2.
  assert.equal(currencyExponent("IQD"), 3);
  assert.equal(currencyExponent("RSD"), 2);
  assert.equal(currencyExponent("HUF"), 2);
  assert.equal(plain(formatAmount(1234500, "IQD", "en")), "IQD 1,234.500");
});

Deno.test("every currency Intl knows is in the table, active or recently withdrawn", () => {
  // XDR and XSU are units of account with no minor unit, not money a studio invoices in.
  const notMoney = new Set(["XDR", "XSU"]);
  for (const code of Intl.supportedValuesOf("currency")) {
    if (notMoney.has(code)) continue;
    assert.doesNotThrow(() => currencyExponent(code), `${code} is missing from the table`);
  }
  assert.ok(ACTIVE_CURRENCIES.length >= 150);
  assert.deepEqual(ACTIVE_CURRENCIES, [...ACTIVE_CURRENCIES].sort());
});

Deno.test("a withdrawn currency still computes but is not offered", () => {
  assert.equal(currencyExponent("HRK"), 2);
  assert.equal(isActiveCurrency("HRK"), false);
  assert.equal(isActiveCurrency("EUR"), true);
  assert.equal(ACTIVE_CURRENCIES.includes("HRK"), false);
});

Deno.test("an unknown code is a validation error on the field given", () => {
  assert.match(problem(() => currencyExponent("EURO"), "currency"), /not an ISO 4217 currency code/);
  assert.match(problem(() => currencyExponent("XAU", "client.currency"), "client.currency"), /XAU/);
  assert.match(
    problem(() => currencyExponent("toString"), "currency"),
    /not an ISO 4217/,
    "no prototype keys",
  );
});

Deno.test("what people type is read in their locale's way", () => {
  const cases: [string, string, string, number][] = [
    ["1 234,56", "EUR", "fr", 123456],
    ["1\u202f234,56", "EUR", "fr", 123456],
    ["1234.5", "EUR", "en", 123450],
    ["1234,5", "EUR", "en", 123450],
    ["1,234.56", "EUR", "en", 123456],
    ["1.234,56", "EUR", "de", 123456],
    ["1'234.50", "CHF", "de-CH", 123450],
    ["12,34,567.00", "INR", "en-IN", 123456700],
    ["  42 ", "EUR", "en", 4200],
    ["+42", "EUR", "en", 4200],
    ["0,05", "EUR", "fr", 5],
    ["1 234", "JPY", "fr", 1234],
    ["1,234", "JPY", "en", 1234],
    ["1.234", "JPY", "de", 1234],
    ["1,5", "KWD", "en", 1500],
    ["12.345", "KWD", "en", 12345],
    ["1.500", "EUR", "en", 150],
  ];
  for (const [text, currency, locale, minor] of cases) {
    assert.equal(parseAmount(text, currency, { locale }), minor, `${text} ${currency} in ${locale}`);
  }
});

Deno.test("a lone separator before three digits is a decimal point only where the locale writes one", () => {
  assert.equal(parseAmount("1,234", "EUR", { locale: "en" }), 123400);
  assert.equal(parseAmount("1.234", "EUR", { locale: "de" }), 123400);
  assert.equal(parseAmount("1,234", "KWD", { locale: "fr" }), 1234);
  assert.equal(parseAmount("1.234", "KWD", { locale: "en" }), 1234);
  assert.equal(
    problem(() => parseAmount("1,234", "EUR", { locale: "fr" })),
    "EUR amounts have at most 2 decimals.",
  );
});

Deno.test("amounts that cannot be read say what to type instead", () => {
  assert.equal(problem(() => parseAmount("", "EUR")), "Enter an amount.");
  assert.equal(problem(() => parseAmount("12.5", "JPY")), "JPY amounts are whole numbers, without decimals.");
  assert.equal(problem(() => parseAmount("1.2345", "EUR")), "EUR amounts have at most 2 decimals.");
  assert.equal(problem(() => parseAmount("-5", "EUR")), "Enter an amount of zero or more.");
  assert.equal(
    plain(problem(() => parseAmount("abc", "EUR", { locale: "fr" }))),
    "Enter an amount such as 1 234,56.",
  );
  assert.equal(problem(() => parseAmount("€12", "EUR")), "Enter an amount such as 1,234.56.");
  assert.equal(problem(() => parseAmount("12.34.56", "EUR")), "Enter an amount such as 1,234.56.");
  assert.equal(problem(() => parseAmount("1 2", "EUR")), "Enter an amount such as 1,234.56.");
  assert.equal(problem(() => parseAmount("1,2,3", "EUR")), "Enter an amount such as 1,234.56.");
  assert.equal(problem(() => parseAmount("1.", "EUR")), "Enter an amount such as 1,234.56.");
  assert.equal(problem(() => parseAmount("99999999999999999", "EUR")), "The amount is too large.");
  assert.equal(
    problem(() => parseAmount("x", "JPY", { field: "unitPrice" }), "unitPrice"),
    "Enter an amount such as 1,234.",
  );
});

Deno.test("a negative amount is read when the caller allows it", () => {
  assert.equal(parseAmount("-12,50", "EUR", { locale: "fr", allowNegative: true }), -1250);
  assert.equal(parseAmount("\u22125", "EUR", { allowNegative: true }), -500);
});

Deno.test("every amount Intl prints for a locale reads back to the same minor units", () => {
  const currencies = ["EUR", "JPY", "KWD", "CLF", "INR", "CHF"];
  const locales = ["en", "fr", "de", "de-CH", "en-IN", "es", "it", "nl", "pt-BR", "ja"];
  fc.assert(fc.property(
    fc.constantFrom(...currencies),
    fc.constantFrom(...locales),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    (currency, locale, minor) => {
      const digits = currencyExponent(currency);
      const typed = new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
        .format(toDecimalAmount(minor, currency) as Intl.StringNumericLiteral);
      assert.equal(parseAmount(typed, currency, { locale }), minor, `${typed} in ${locale}`);
    },
  ));
});

Deno.test("machine decimals convert both ways exactly", () => {
  assert.equal(toDecimalAmount(119000, "EUR"), "1190.00");
  assert.equal(toDecimalAmount(5, "KWD"), "0.005");
  assert.equal(toDecimalAmount(-5, "EUR"), "-0.05");
  assert.equal(toDecimalAmount(1500, "JPY"), "1500");
  assert.equal(toDecimalAmount(2n ** 70n, "EUR"), "11805916207174113034.24");
  assert.equal(fromDecimalAmount("1190.5", "EUR"), 119050);
  assert.equal(fromDecimalAmount("-3.125", "KWD"), -3125);
  assert.equal(fromDecimalAmount("1500.000", "JPY"), 1500);
  assert.equal(problem(() => fromDecimalAmount("1190.505", "EUR")), "EUR amounts have at most 2 decimals.");
  assert.match(problem(() => fromDecimalAmount("1,5", "EUR", "total"), "total"), /decimal number/);
  fc.assert(fc.property(
    fc.constantFrom("EUR", "JPY", "KWD", "CLF"),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    (currency, minor) => assert.equal(fromDecimalAmount(toDecimalAmount(minor, currency), currency), minor),
  ));
});

Deno.test("display uses the currency's own digits in the reader's locale", () => {
  assert.equal(formatAmount(119000, "EUR", "en"), "€1,190.00");
  assert.equal(plain(formatAmount(119000, "EUR", "de")), "1.190,00 €");
  assert.equal(formatAmount(1500, "JPY", "en"), "¥1,500");
  assert.equal(plain(formatAmount(27777, "KWD", "en")), "KWD 27.777");
  assert.equal(formatAmount(-5, "EUR", "en"), "-€0.05");
  assert.equal(formatAmount(2n ** 60n, "USD", "en"), "$11,529,215,046,068,469.76", "exact past 2^53");
  assert.match(problem(() => formatAmount(1.5, "EUR", "en")), /whole minor units/);
});

Deno.test("conversion multiplies by the exact rate and rounds once, half away from zero", () => {
  assert.equal(convertAmount(10000, { from: "EUR", to: "USD", rate: "1.0834" }), 10834);
  // ¥100,000 at 0.0061 EUR per yen is exactly €610.00.
  assert.equal(convertAmount(100000, { from: "JPY", to: "EUR", rate: "0.0061" }), 61000);
  // €12.34 at 161.47 = ¥1,992.5398 → ¥1,993.
  assert.equal(convertAmount(1234, { from: "EUR", to: "JPY", rate: "161.47" }), 1993);
  // 1.000 KWD at 3.0125 EUR = €3.0125 → €3.01; 0.5 cents rounds away from zero both ways.
  assert.equal(convertAmount(1000, { from: "KWD", to: "EUR", rate: "3.0125" }), 301);
  assert.equal(convertAmount(1, { from: "EUR", to: "USD", rate: "0.5" }), 1);
  assert.equal(convertAmount(-1, { from: "EUR", to: "USD", rate: "0.5" }), -1);
  assert.equal(convertAmount(123456, { from: "EUR", to: "EUR", rate: "1" }), 123456);
});

Deno.test("an exchange rate is a positive decimal of at most 10 decimals", () => {
  assert.equal(normalizeExchangeRate("1.08340"), "1.0834");
  for (const rate of ["0", "-1.2", "abc", "1,08", "1.12345678901", ""]) {
    assert.match(problem(() => normalizeExchangeRate(rate), "exchangeRate"), /positive decimal/, rate);
  }
});
