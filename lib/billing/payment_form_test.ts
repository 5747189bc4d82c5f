import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { parseAmount } from "./currency.ts";
import { amountFieldValue, paymentInputFromForm } from "./payment_form.ts";

Deno.test("the prefilled amount reads back to the same amount in every locale and currency", () => {
  for (const locale of ["en", "fr", "de", "en-IN", "ja"]) {
    for (
      const [amount, currency] of [[123456, "EUR"], [1234500, "KWD"], [15928, "JPY"], [5, "EUR"]] as const
    ) {
      const shown = amountFieldValue(amount, currency, locale);
      assert.equal(parseAmount(shown, currency, { locale }), amount, `${locale} ${currency} ${shown}`);
    }
  }
  assert.equal(amountFieldValue(123456, "EUR", "fr"), "1234,56");
});

Deno.test("a typed amount is read in the staff member's locale; an unreadable one is an amount error", () => {
  const values = {
    amount: "1 234,50",
    method: "transfer",
    receivedOn: "2026-06-02",
    reference: "",
    note: "",
  };
  assert.equal(paymentInputFromForm(values, "inv_1", "EUR", "fr").amount, 123450);
  for (const amount of ["", "12,345,6", "abc", "0"]) {
    assert.throws(
      () => paymentInputFromForm({ ...values, amount }, "inv_1", "EUR", "en"),
      (e) => e instanceof ValidationError && "amount" in e.fields,
      amount,
    );
  }
});
