import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { createCreditNote, type CreditLines } from "@/lib/billing/credit_notes.ts";
import { formatAmount } from "@/lib/billing/currency.ts";
import { type BillingDocument, getDocument } from "@/lib/billing/documents.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "invoices.manage" };

interface Data {
  invoice: BillingDocument;
  mode: "all" | "some";
  quantities: Record<string, string>;
  reason: string;
  errors: Record<string, string>;
}

const quantityField = (lineId: string) => `quantity.${lineId}`;

/** Drafts a credit note against an issued invoice: the whole invoice, or chosen lines and quantities. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const invoice = await getDocument(ctx.state.studio!.db, ctx.params.id, ["invoice", "deposit_invoice"]);
    return ctx.render({ invoice, mode: "all", quantities: {}, reason: "", errors: {} });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const studio = ctx.state.studio!;
    const invoice = await getDocument(studio.db, ctx.params.id, ["invoice", "deposit_invoice"]);
    const form = await readForm(ctx.req);
    const mode = form.get("mode") === "some" ? "some" : "all";
    const reason = String(form.get("reason") ?? "");
    const quantities = Object.fromEntries(
      invoice.lines.map((l) => [l.id, String(form.get(quantityField(l.id)) ?? "").trim()]),
    );
    const lines: CreditLines = mode === "all" ? "all" : invoice.lines
      .filter((l) => quantities[l.id] !== "")
      .map((l) => ({ lineId: l.id, quantity: quantities[l.id].replace(",", ".") }));
    try {
      const note = await createCreditNote(studio.db, invoice.id, { lines, reason }, actingAs(ctx));
      return ctx.redirect(`${studio.base}/app/credit-notes/${note.id}?saved=credit`);
    } catch (err) {
      let errors: Record<string, string>;
      if (err instanceof ValidationError) {
        errors = Object.fromEntries(
          Object.entries(err.fields).map(([name, message]) => {
            const line = name.match(/^lines\.(.+)\.quantity$/);
            return [line ? quantityField(line[1]) : name, message];
          }),
        );
      } else if (err instanceof ConflictError) errors = { form: err.message };
      else throw err;
      return ctx.render({ invoice, mode, quantities, reason, errors }, {
        status: err instanceof ConflictError ? 409 : 422,
      });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const { invoice, errors } = data;
  const base = `${state.studio!.base}/app/invoices/${invoice.id}`;
  const summary = Object.entries(errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <PageHeader
        title={t("credit.title", { number: invoice.number ?? "" })}
        description={t("credit.intro")}
        class="mb-6"
      />
      <FormErrorSummary title={t("credit.problem")} errors={summary} class="mb-6" />
      <form method="post" class="flex max-w-3xl flex-col gap-6">
        <fieldset class="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
          <label class="flex items-center gap-2">
            <input type="radio" name="mode" value="all" checked={data.mode === "all"} />
            {t("credit.all", { total: formatAmount(invoice.total, invoice.currency, locale) })}
          </label>
          <label class="flex items-center gap-2">
            <input type="radio" name="mode" value="some" checked={data.mode === "some"} />
            {t("credit.some")}
          </label>
          {errors.lines && <p id="field-lines" class="text-sm font-medium text-danger-700">{errors.lines}</p>}
          <div class="flex flex-col gap-3 ps-6">
            {invoice.lines.map((line) => (
              <Input
                key={line.id}
                name={quantityField(line.id)}
                label={t("credit.line_quantity", { description: line.description, quantity: line.quantity })}
                hint={line.detail ?? undefined}
                value={data.quantities[line.id] ?? ""}
                inputmode="decimal"
                error={errors[quantityField(line.id)]}
              />
            ))}
          </div>
        </fieldset>
        <Textarea
          name="reason"
          label={t("credit.reason")}
          hint={t("credit.reason_hint")}
          value={data.reason}
          error={errors.reason}
          required
        />
        <div class="flex gap-3">
          <Button type="submit">{t("credit.create")}</Button>
          <Button href={base} variant="ghost">{t("billing.view.cancel")}</Button>
        </div>
      </form>
    </>
  );
});
