import assert from "node:assert/strict";
import {
  currencyExponent,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatTime,
} from "./format.ts";

// French groups digits with U+202F and puts U+00A0 before the currency sign; the tests read better with
// plain spaces, so exact characters are asserted once and normalised elsewhere.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

const SUMMER_EVENING = Date.UTC(2025, 5, 15, 18, 30); // 2025-06-15 18:30 UTC

Deno.test("currency exponents come from Intl: JPY 0, EUR 2, KWD 3", () => {
  assert.equal(currencyExponent("JPY"), 0);
  assert.equal(currencyExponent("EUR"), 2);
  assert.equal(currencyExponent("USD"), 2);
  assert.equal(currencyExponent("KWD"), 3);
  assert.equal(currencyExponent("kwd"), 3);
});

Deno.test("an invalid currency code is a RangeError", () => {
  assert.throws(() => currencyExponent("EURO"), RangeError);
  assert.throws(() => formatMoney(100, "E", "en"), RangeError);
});

Deno.test("euros are shown with two decimals in each locale's style", () => {
  assert.equal(formatMoney(119000, "EUR", "en"), "€1,190.00");
  assert.equal(formatMoney(119000, "EUR", "fr"), "1\u202f190,00\u00a0€");
  assert.equal(plain(formatMoney(5, "EUR", "fr")), "0,05 €");
});

Deno.test("yen have no minor unit, so 1500 minor units are ¥1,500", () => {
  assert.equal(formatMoney(1500, "JPY", "en"), "¥1,500");
  assert.equal(plain(formatMoney(1500, "JPY", "fr")), "1 500 JPY");
});

Deno.test("Kuwaiti dinars have three decimals, so 1234 minor units are 1.234", () => {
  assert.equal(formatMoney(1234, "KWD", "en"), "KWD\u00a01.234");
  assert.equal(plain(formatMoney(1234, "KWD", "fr")), "1,234 KWD");
  assert.equal(plain(formatMoney(7, "KWD", "en")), "KWD 0.007");
});

Deno.test("negative and zero amounts", () => {
  assert.equal(formatMoney(-119000, "EUR", "en"), "-€1,190.00");
  assert.equal(formatMoney(0, "USD", "en"), "$0.00");
});

Deno.test("bigint amounts are exact, even beyond 2^53", () => {
  assert.equal(formatMoney(119000n, "EUR", "en"), "€1,190.00");
  assert.equal(formatMoney(123456789012345678901n, "EUR", "en"), "€1,234,567,890,123,456,789.01");
  assert.equal(formatMoney(-1n, "KWD", "en"), "-KWD\u00a00.001");
});

Deno.test("a fractional or unsafe number of minor units is refused, never rounded", () => {
  assert.throws(() => formatMoney(10.5, "EUR", "en"), RangeError);
  assert.throws(() => formatMoney(Number.NaN, "EUR", "en"), RangeError);
  assert.throws(() => formatMoney(2 ** 60, "EUR", "en"), RangeError);
});

Deno.test("numbers use the locale's grouping and decimal separator", () => {
  assert.equal(formatNumber(1234567.5, "en"), "1,234,567.5");
  assert.equal(formatNumber(1234567.5, "fr"), "1\u202f234\u202f567,5");
  assert.equal(formatNumber(12345678901234567890n, "en"), "12,345,678,901,234,567,890");
  assert.equal(formatNumber(0.256, "en", { style: "percent" }), "26%");
});

Deno.test("one instant shows different wall times in Paris and New York", () => {
  assert.equal(plain(formatTime(SUMMER_EVENING, "Europe/Paris", "en")), "8:30 PM");
  assert.equal(plain(formatTime(SUMMER_EVENING, "America/New_York", "en")), "2:30 PM");
  assert.equal(formatTime(SUMMER_EVENING, "Europe/Paris", "fr"), "20:30");
  assert.equal(formatTime(SUMMER_EVENING, "America/New_York", "fr"), "14:30");
});

Deno.test("the calendar date depends on the time zone too", () => {
  const newYearsEveInNewYork = new Date(Date.UTC(2025, 0, 1, 2, 0));
  assert.equal(formatDate(newYearsEveInNewYork, "Europe/Paris", "en"), "Jan 1, 2025");
  assert.equal(formatDate(newYearsEveInNewYork, "America/New_York", "en"), "Dec 31, 2024");
  assert.equal(formatDate(newYearsEveInNewYork, "America/New_York", "fr"), "31 déc. 2024");
});

Deno.test("date and time together, with a Date or epoch milliseconds", () => {
  assert.equal(plain(formatDateTime(SUMMER_EVENING, "Europe/Paris", "en")), "Jun 15, 2025, 8:30 PM");
  assert.equal(formatDateTime(new Date(SUMMER_EVENING), "Europe/Paris", "fr"), "15 juin 2025, 20:30");
  assert.equal(
    formatDateTime(SUMMER_EVENING, "America/New_York", "fr", { date: "full", time: "short" }),
    "dimanche 15 juin 2025 à 14:30",
  );
});

Deno.test("styles choose the level of detail", () => {
  assert.equal(formatDate(SUMMER_EVENING, "Europe/Paris", "en", "short"), "6/15/25");
  assert.equal(formatDate(SUMMER_EVENING, "Europe/Paris", "fr", "long"), "15 juin 2025");
  assert.equal(formatTime(SUMMER_EVENING, "Europe/Paris", "fr", "medium"), "20:30:00");
});

Deno.test("an unknown time zone or invalid date is a RangeError", () => {
  assert.throws(() => formatDate(SUMMER_EVENING, "Mars/Olympus_Mons", "en"), RangeError);
  assert.throws(() => formatDate(new Date(Number.NaN), "Europe/Paris", "en"), RangeError);
});
