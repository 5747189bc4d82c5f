import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import {
  amountText,
  applyServices,
  blankLine,
  documentValues,
  errorsOnRows,
  formValues,
  inputFromValues,
  previewTotals,
} from "./document_form.ts";
import { createDraft } from "./documents.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };

function form(fields: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

const row = (i: number, fields: Record<string, string>): [string, string][] => [
  ...Object.entries({ description: "", ...fields }).map(([k, v]): [string, string] => [`lines.${i}.${k}`, v]),
];

Deno.test("a posted form becomes a draft: blank rows left out, amounts read as the reader typed them", () => {
  const values = formValues(form([
    ["clientId", "cli_1"],
    ["currency", "EUR"],
    ["title", "Album"],
    ["discount", "10"],
    ["discountKind", "percent"],
    ...row(0, { description: "Mixing", quantity: "2,5", unit: "hour", unitPrice: "1 234,50" }),
    ["lines.0.taxRateIds", "tax_a"],
    ["lines.0.taxRateIds", "tax_b"],
    ...row(1, {}),
    ["lines.1.taxRateIds", "tax_a"], // a default tax ticked on a blank row
    ...row(2, {
      description: "Mastering",
      quantity: "1",
      unitPrice: "80",
      discount: "5",
      discountKind: "amount",
    }),
  ]));
  assert.equal(values.lines.length, 3);
  const { input, rowOf } = inputFromValues(values, { currency: "EUR", locale: "fr" });
  assert.deepEqual(rowOf, [0, 2]);
  assert.equal(input.discountPercent, "10");
  assert.deepEqual(input.lines.map((l) => [l.description, l.quantity, l.unit, l.unitPrice, l.taxRateIds]), [
    ["Mixing", "2.5", "hour", 123450, ["tax_a", "tax_b"]],
    ["Mastering", "1", "item", 8000, []],
  ]);
  assert.equal(input.lines[1].discountAmount, 500);
});

Deno.test("unreadable amounts are errors on their own row's field, and domain errors come back to the right row", async () => {
  const values = {
    ...documentValues(null, { locale: "en", blankRows: 0 }),
    clientId: "cli_1",
    lines: [
      blankLine(),
      { ...blankLine(), description: "Room", quantity: "1", unitPrice: "12.345" },
      { ...blankLine(), description: "Gear", quantity: "1" },
    ],
  };
  const err = await Promise.resolve().then(() => inputFromValues(values, { currency: "EUR", locale: "en" }))
    .then(
      () => undefined,
      (e) => e,
    );
  assert.ok(err instanceof ValidationError);
  assert.deepEqual(Object.keys(err.fields).sort(), ["lines.1.unitPrice", "lines.2.unitPrice"]);
  assert.match(err.fields["lines.1.unitPrice"], /at most 2 decimals/);

  await withStudioDb(async (db) => {
    const client = await insertClient(db);
    const posted = {
      ...values,
      clientId: client.id,
      lines: [blankLine(), blankLine(), {
        ...blankLine(),
        description: "Room",
        quantity: "two",
        unitPrice: "10",
      }],
    };
    const { input, rowOf } = inputFromValues(posted, { currency: "EUR", locale: "en" });
    const refused = await createDraft(db, "invoice", input, acting).then(() => undefined, (e) => e);
    assert.ok(refused instanceof ValidationError);
    assert.deepEqual(Object.keys(errorsOnRows(refused.fields, rowOf)), ["lines.2.quantity"]);
  });
  assert.deepEqual(errorsOnRows({ discountAmount: "x", "lines.0.discountPercent": "y" }, [4]), {
    discount: "x",
    "lines.4.discount": "y",
  });
});

Deno.test("a stored draft fills the form in the reader's format and saves back to the same lines", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db);
    const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
    const doc = await createDraft(db, "invoice", {
      clientId: client.id,
      discountAmount: 1000,
      lines: [{
        description: "Room",
        quantity: "1.5",
        unit: "hour",
        unitPrice: 123450,
        taxRateIds: [vat.id],
        sessionDate: "2026-11-03",
        startsAt: "2026-11-03T09:00:00.000Z",
        endsAt: "2026-11-03T13:00:00.000Z",
      }],
    }, acting);
    const values = documentValues(doc, { locale: "fr", blankRows: 2 });
    assert.equal(values.lines.length, 3);
    assert.equal(values.lines[0].unitPrice, "1234,50");
    assert.equal(values.discount, "10,00");
    assert.equal(values.discountKind, "amount");
    const { input } = inputFromValues(values, { currency: "EUR", locale: "fr" });
    assert.equal(input.lines.length, 1);
    assert.equal(input.lines[0].unitPrice, 123450);
    assert.equal(input.lines[0].startsAt, "2026-11-03T09:00:00.000Z");
    assert.equal(input.discountAmount, 1000);
  });
});

Deno.test("a chosen catalogue service fills an empty row, and the preview totals come from the totals engine", () => {
  const values = {
    ...documentValues(null, { locale: "en", blankRows: 0 }),
    clientId: "cli_1",
    lines: [{ ...blankLine(), serviceId: "svc_master", quantity: "3" }],
  };
  const filled = applyServices(values, [{
    id: "svc_master",
    name: "Mastering",
    description: "Per track",
    unit: "item",
    unitPrice: 4999,
    currency: "EUR",
    taxRateIds: ["tax_vat"],
  }], { currency: "EUR", locale: "en" });
  assert.deepEqual(
    [
      filled.lines[0].description,
      filled.lines[0].quantity,
      filled.lines[0].unitPrice,
      filled.lines[0].taxRateIds,
    ],
    ["Mastering", "3", "49.99", ["tax_vat"]],
  );
  const totals = previewTotals(filled, {
    currency: "EUR",
    locale: "en",
    taxRates: [{ id: "tax_vat", name: "VAT", rate: "20" }],
    settings: { roundingMode: "per_line", pricesIncludeTax: false },
  });
  assert.equal(totals?.subtotal, 14997);
  assert.equal(totals?.taxTotal, 2999);
  assert.equal(totals?.total, 17996);
  assert.equal(
    previewTotals({ ...filled, lines: [{ ...filled.lines[0], unitPrice: "abc" }] }, {
      currency: "EUR",
      locale: "en",
      taxRates: [],
      settings: { roundingMode: "per_line", pricesIncludeTax: false },
    }),
    null,
  );
  assert.equal(amountText(1500, "KWD", "fr"), "1,500");
});
