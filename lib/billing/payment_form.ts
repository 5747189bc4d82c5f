/**
 * The record-a-payment form ↔ payment input: what the invoice page's form and the payment routes
 * share. Amounts are typed in the staff member's locale and read with parseAmount, exactly.
 */
import { problem, ResourceValidationError } from "../validation_messages.ts";
import { parseAmount, toDecimalAmount } from "./currency.ts";
import type { PaymentInput, RecordedMethod } from "./payments.ts";

/** What the form's fields hold, as typed. */
export interface PaymentFormValues {
  amount: string;
  method: string;
  receivedOn: string;
  reference: string;
  note: string;
}

/**
 * An amount as the form's field shows it in `locale`: no digit grouping, the locale's decimal
 * separator, every decimal of the currency — so that parseAmount reads it back to the same amount
 * ("1234,500" KWD in French is 1,234.500, not 1,234,500).
 */
export function amountFieldValue(minorUnits: number, currency: string, locale: string): string {
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")
    ?.value ?? ".";
  return toDecimalAmount(minorUnits, currency).replace(".", decimal);
}

/** The form's fields from a submitted form. */
export function paymentFormValues(form: FormData): PaymentFormValues {
  const field = (name: string) => String(form.get(name) ?? "").trim();
  return {
    amount: field("amount"),
    method: field("method"),
    receivedOn: field("receivedOn"),
    reference: field("reference"),
    note: field("note"),
  };
}

/**
 * The payment input for `documentId` from what was typed; a ValidationError on `amount` when the
 * amount cannot be read in `currency` (other fields are checked by recordPayment).
 */
export function paymentInputFromForm(
  values: PaymentFormValues,
  documentId: string,
  currency: string,
  locale: string,
): PaymentInput {
  const amount = parseAmount(values.amount, currency, { locale, field: "amount" });
  if (amount === 0) throw new ResourceValidationError({ amount: problem("billing.error.amount_positive") });
  return {
    documentId,
    // recordPayment checks it is one of RECORDED_METHODS.
    method: values.method as RecordedMethod,
    amount,
    currency,
    receivedOn: values.receivedOn,
    reference: values.reference,
    note: values.note,
  };
}
