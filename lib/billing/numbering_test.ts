import assert from "node:assert/strict";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { ValidationError } from "../errors.ts";
import {
  formatDocumentNumber,
  parseDocumentNumber,
  parseNumberFormat,
  sequencePeriod,
  validateNumberFormat,
} from "./numbering.ts";

const NEW_YEARS_EVE_2330Z = new Date("2026-12-31T23:30:00Z");
const MID_MARCH = Date.UTC(2026, 2, 14, 12);

Deno.test("INV-{YYYY}-{0000} pads the sequence to four digits", () => {
  assert.equal(
    formatDocumentNumber("INV-{YYYY}-{0000}", { sequence: 42, issuedAt: MID_MARCH, zone: "UTC" }),
    "INV-2026-0042",
  );
  assert.equal(
    formatDocumentNumber("CN-{0000}", { sequence: 1, issuedAt: MID_MARCH, zone: "UTC" }),
    "CN-0001",
  );
  assert.equal(
    formatDocumentNumber("{YY}{MM}-{000}", { sequence: 7, issuedAt: MID_MARCH, zone: "Europe/Paris" }),
    "2603-007",
  );
  assert.equal(
    formatDocumentNumber("FA/{YYYY}/{MM}/{DD}/{0}", { sequence: 3, issuedAt: MID_MARCH, zone: "UTC" }),
    "FA/2026/03/14/3",
  );
});

Deno.test("a sequence grows past its width and is never cut", () => {
  const at = { issuedAt: MID_MARCH, zone: "UTC" };
  assert.equal(formatDocumentNumber("{YY}{MM}-{000}", { ...at, sequence: 999 }), "2603-999");
  assert.equal(formatDocumentNumber("{YY}{MM}-{000}", { ...at, sequence: 12345 }), "2603-12345");
});

Deno.test("the year is the studio's local year: 23:30 UTC on 31 December is 2027 in Paris, 2026 in New York", () => {
  const format = "INV-{YYYY}-{0000}";
  assert.equal(
    formatDocumentNumber(format, { sequence: 1, issuedAt: NEW_YEARS_EVE_2330Z, zone: "Europe/Paris" }),
    "INV-2027-0001",
  );
  assert.equal(
    formatDocumentNumber(format, { sequence: 1, issuedAt: NEW_YEARS_EVE_2330Z, zone: "America/New_York" }),
    "INV-2026-0001",
  );
  const instant = Temporal.Instant.from("2026-12-31T23:30:00Z");
  assert.equal(
    formatDocumentNumber("{YY}{MM}{DD}-{0}", { sequence: 5, issuedAt: instant, zone: "Asia/Tokyo" }),
    "270101-5",
  );
});

Deno.test("a format with the year restarts its sequence each local year; one without never does", () => {
  assert.equal(parseNumberFormat("INV-{YYYY}-{0000}").resetsYearly, true);
  assert.equal(parseNumberFormat("{YY}{MM}-{000}").resetsYearly, true);
  assert.equal(parseNumberFormat("CN-{0000}").resetsYearly, false);
  assert.equal(parseNumberFormat("{MM}-{0000}").resetsYearly, false);
  assert.equal(
    sequencePeriod("INV-{YYYY}-{0000}", { issuedAt: NEW_YEARS_EVE_2330Z, zone: "Europe/Paris" }),
    2027,
  );
  assert.equal(sequencePeriod("INV-{YYYY}-{0000}", { issuedAt: NEW_YEARS_EVE_2330Z, zone: "UTC" }), 2026);
  assert.equal(sequencePeriod("CN-{0000}", { issuedAt: NEW_YEARS_EVE_2330Z, zone: "Europe/Paris" }), null);
});

Deno.test("a bad format is explained, with the placeholders that exist", () => {
  const help = "Use {YYYY}, {YY}, {MM}, {DD} and one sequence such as {0000}, e.g. INV-{YYYY}-{0000}.";
  const cases: [string, string][] = [
    ["", "The number format is empty."],
    ["INV-{YYYY}", "The format needs a sequence placeholder such as {0000}."],
    ["INV-{YYYY}-{0000", 'The "{" at position 12 is never closed.'],
    ["INV}-{0000}", 'The "}" at position 4 closes nothing.'],
    ["INV-{YEAR}-{0000}", '"{YEAR}" is not a placeholder.'],
    ["INV-{yyyy}-{0000}", '"{yyyy}" is not a placeholder.'],
    ["{00}-{0000}", "The format has more than one sequence placeholder."],
    ["INV {0000}", '" " cannot appear in a document number (letters, digits and - _ / . # can).'],
    ["INV-{00000000000}", "A sequence is at most 10 digits wide."],
    [`${"X".repeat(35)}-{0000}`, "The number format is longer than 40 characters."],
  ];
  for (const [format, problem] of cases) {
    assert.equal(validateNumberFormat(format), `${problem} ${help}`, format);
  }
  assert.equal(validateNumberFormat("INV-{YYYY}-{0000}"), undefined);
});

Deno.test("formatting with a bad format, sequence, instant or zone is a validation error on that field", () => {
  const fieldOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof ValidationError);
      return Object.keys(error.fields);
    }
    assert.fail("expected a ValidationError");
  };
  const at = { issuedAt: MID_MARCH, zone: "UTC" };
  assert.deepEqual(fieldOf(() => formatDocumentNumber("INV", { ...at, sequence: 1 })), ["numberFormat"]);
  assert.deepEqual(fieldOf(() => parseNumberFormat("INV", "settings.invoiceFormat")), [
    "settings.invoiceFormat",
  ]);
  assert.deepEqual(fieldOf(() => formatDocumentNumber("{0}", { ...at, sequence: 0 })), ["sequence"]);
  assert.deepEqual(fieldOf(() => formatDocumentNumber("{0}", { ...at, sequence: 1.5 })), ["sequence"]);
  assert.deepEqual(fieldOf(() => formatDocumentNumber("{0}", { ...at, sequence: 1, zone: "Mars/Olympus" })), [
    "zone",
  ]);
  assert.deepEqual(
    fieldOf(() => formatDocumentNumber("{0}", { sequence: 1, issuedAt: Number.NaN, zone: "UTC" })),
    [
      "issuedAt",
    ],
  );
});

Deno.test("a number reads back into its sequence and date parts", () => {
  assert.deepEqual(parseDocumentNumber("INV-{YYYY}-{0000}", "INV-2027-0042"), { sequence: 42, year: 2027 });
  assert.deepEqual(parseDocumentNumber("{YY}{MM}-{000}", "2612-12345"), {
    sequence: 12345,
    year: 2026,
    month: 12,
  });
  assert.deepEqual(parseDocumentNumber("CN-{0000}", "CN-10000"), { sequence: 10000 });
  assert.deepEqual(parseDocumentNumber("{0000}{YY}", "004226"), { sequence: 42, year: 2026 });
});

Deno.test("a number the format could not have made reads as nothing", () => {
  for (
    const [format, number] of [
      ["CN-{0000}", "CN-00042"], // padded past the width
      ["CN-{0000}", "CN-042"], // short of it
      ["CN-{0000}", "CN-0000"], // sequences start at 1
      ["CN-{0000}", "cn-0042"],
      ["CN-{0000}", "CN-0042 "],
      ["{YY}{MM}-{000}", "2613-001"], // no 13th month
      ["{YYYY}.{DD}.{0}", "2026.32.1"],
      ["{YYYY}-{YY}-{0}", "2026-27-1"], // two years that disagree
      ["INV.{0}", "INVx1"], // "." is a literal dot
    ]
  ) {
    assert.equal(parseDocumentNumber(format, number), undefined, `${number} in ${format}`);
  }
});

Deno.test("every number a valid format makes reads back to what made it", () => {
  const literal = fc.stringMatching(/^[A-Za-z0-9\-_/.#]{0,3}$/);
  const token = fc.constantFrom("{YYYY}", "{YY}", "{MM}", "{DD}");
  const format = fc.tuple(
    fc.array(fc.oneof(literal, token), { maxLength: 3 }),
    fc.integer({ min: 1, max: 6 }),
    fc.array(fc.oneof(literal, token), { maxLength: 3 }),
  ).map(([before, width, after]) => [...before, `{${"0".repeat(width)}}`, ...after].join(""));
  const zone = fc.constantFrom("UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati");
  fc.assert(fc.property(
    format,
    fc.integer({ min: 1, max: 10_000_000 }),
    fc.integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2099, 11, 30) }),
    zone,
    (fmt, sequence, issuedAt, zone) => {
      fc.pre(fmt.length <= 40);
      const number = formatDocumentNumber(fmt, { sequence, issuedAt, zone });
      const parsed = parseDocumentNumber(fmt, number);
      assert.ok(parsed, `${number} from ${fmt}`);
      assert.equal(parsed.sequence, sequence);
      const local = Temporal.Instant.fromEpochMilliseconds(issuedAt).toZonedDateTimeISO(zone);
      if (/\{YY(YY)?\}/.test(fmt)) assert.equal(parsed.year, local.year);
      if (fmt.includes("{MM}")) assert.equal(parsed.month, local.month);
      if (fmt.includes("{DD}")) assert.equal(parsed.day, local.day);
    },
  ));
});
