import assert from "node:assert/strict";
import { balanceDue, isOverdue, settledStatus } from "./balance.ts";

const invoice = {
  kind: "invoice" as const,
  status: "issued" as const,
  total: 119000,
  depositsApplied: 0,
  amountPaid: 0,
  amountCredited: 0,
  dueDate: "2026-12-01",
};

Deno.test("the balance deducts deposits, payments and credit notes; the status follows it", () => {
  assert.equal(balanceDue({ ...invoice, depositsApplied: 30000, amountPaid: 50000 }), 39000);
  assert.equal(settledStatus(invoice), "issued");
  assert.equal(settledStatus({ ...invoice, amountPaid: 50000 }), "partially_paid");
  assert.equal(settledStatus({ ...invoice, amountPaid: 119000 }), "paid");
  assert.equal(settledStatus({ ...invoice, amountPaid: 120000 }), "paid", "overpaid is paid");
  assert.equal(settledStatus({ ...invoice, depositsApplied: 19000, amountPaid: 100000 }), "paid");
  assert.equal(settledStatus({ ...invoice, amountCredited: 119000 }), "credited");
  assert.equal(settledStatus({ ...invoice, amountCredited: 19000 }), "partially_paid");
  assert.equal(settledStatus({ ...invoice, status: "draft" }), "draft");
});

Deno.test("overdue: issued, past its due date, money still due", () => {
  assert.equal(isOverdue(invoice, "2026-12-02"), true);
  assert.equal(isOverdue(invoice, "2026-12-01"), false, "due today is not late");
  assert.equal(isOverdue({ ...invoice, amountPaid: 119000, status: "paid" }, "2027-01-01"), false);
  assert.equal(isOverdue({ ...invoice, dueDate: null }, "2027-01-01"), false);
});
