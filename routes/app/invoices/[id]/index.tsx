import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Dialog, DialogTrigger } from "@/components/Dialog.tsx";
import { DocumentBody, localDate, StatusBadge } from "@/components/DocumentView.tsx";
import { InvoicePayments } from "@/components/InvoicePayments.tsx";
import { NotifyClientCheckbox } from "@/components/NotifyClientCheckbox.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Toast } from "@/components/Toast.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { formatAmount } from "@/lib/billing/currency.ts";
import { deleteDraft } from "@/lib/billing/documents.ts";
import { type DocumentView, documentView } from "@/lib/billing/document_view.ts";
import { type InvoicePaymentsView, invoicePaymentsView } from "@/lib/billing/invoice_payments_view.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import type { MessageId } from "@/lib/i18n/mod.ts";
import { notifyInvoiceIssued } from "@/lib/notifications/billing_notices.ts";
import { hasEmail } from "@/lib/notifications/recipient.ts";
import { notifyFromForm, studioLink } from "@/lib/notifications/staff_notices.ts";

export const access: Access = { permission: "invoices.view", write: "invoices.manage" };

interface Data {
  view: DocumentView;
  payments: InvoicePaymentsView | null;
  error?: string;
  /** Whether "Send it to the client by e-mail" starts ticked when issuing. */
  notify: boolean;
}

const KINDS = ["invoice" as const, "deposit_invoice" as const];
const NOTICES: Record<string, MessageId> = {
  created: "billing.view.saved.created",
  saved: "billing.view.saved.saved",
  issued: "billing.view.saved.issued",
  converted: "billing.view.saved.converted",
  deposit: "billing.view.saved.deposit",
  payment: "payments.saved.payment",
  credit: "payments.saved.credit",
  voided: "payments.saved.voided",
  refunded: "refunds.saved",
};

async function load(ctx: Ctx<Data>, error?: string): Promise<Data> {
  const db = ctx.state.studio!.db;
  const view = await documentView(db, ctx.params.id, KINDS);
  const payments = view.doc.status === "draft" ? null : await invoicePaymentsView(db, view.doc.id);
  const notify = view.doc.status === "draft" && await hasEmail(db, view.doc.clientId);
  return { view, payments, error, notify };
}

/** An invoice: issuer and client, lines with session days and times, taxes, totals, balance; its actions. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.view");
    return ctx.render(await load(ctx));
  },
  /** intent=issue or intent=delete, with the `version` the page was shown at. */
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const version = Number(form.get("version"));
    const id = ctx.params.id;
    try {
      if (form.get("intent") === "delete") {
        await deleteDraft(studio.db, id, version, actingAs(ctx));
        return ctx.redirect(`${studio.base}/app/invoices?saved=deleted`);
      }
      await issueDocument(studio.db, id, version, actingAs(ctx), { kinds: KINDS });
      const link = studioLink(ctx, `/portal/invoices/${id}`);
      await notifyFromForm(ctx, form, (mailer) => notifyInvoiceIssued(mailer, studio.db, id, link));
      return ctx.redirect(`${studio.base}/app/invoices/${id}?saved=issued`);
    } catch (err) {
      if (err instanceof ConflictError) return ctx.render(await load(ctx, err.message), { status: 409 });
      if (err instanceof ValidationError) {
        return ctx.render(await load(ctx, Object.values(err.fields).join(" ")), { status: 422 });
      }
      throw err;
    }
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const { view } = data;
  const { doc } = view;
  const base = `${studio.base}/app/invoices/${doc.id}`;
  const manage = can(state.staff!.role, "invoices.manage");
  const notice = NOTICES[url.searchParams.get("saved") ?? ""];
  const creditable = doc.status === "issued" || doc.status === "partially_paid" || doc.status === "paid";
  const versionField = <input type="hidden" name="version" value={String(doc.version)} />;
  return (
    <>
      <p class="mb-2 text-sm">
        <a href={`${studio.base}/app/invoices`} class="text-brand-700 underline focus-ring">
          {t("billing.view.back_invoices")}
        </a>
      </p>
      {notice && (
        <Toast tone="success" dismissLabel={t("billing.view.close")} class="mb-4">{t(notice)}</Toast>
      )}
      {data.error && (
        <div
          role="alert"
          class="mb-4 rounded-lg border-2 border-danger-700 bg-danger-50 p-4 text-sm text-danger-800"
        >
          {data.error}
        </div>
      )}
      <PageHeader
        title={<span data-testid="doc-number">{doc.number ?? t("billing.draft")}</span>}
        description={
          <span class="flex flex-wrap items-center gap-2">
            <span>{t(`billing.kind.${doc.kind}`)}</span>
            <StatusBadge status={view.status} t={t} />
            {doc.title && <span>{doc.title}</span>}
          </span>
        }
        actions={
          <div class="flex flex-wrap gap-2">
            {manage && doc.status === "draft" && (
              <>
                <Button href={`${base}/edit`} variant="secondary">{t("billing.view.edit")}</Button>
                <DialogTrigger dialogId="issue-dialog">{t("billing.view.issue")}</DialogTrigger>
                <DialogTrigger dialogId="delete-dialog" variant="danger">
                  {t("billing.view.delete")}
                </DialogTrigger>
              </>
            )}
            {manage && creditable && (
              <Button href={`${base}/credit`} variant="secondary">{t("billing.view.credit")}</Button>
            )}
            <Button href={`${base}/pdf`} variant="ghost">{t("billing.view.pdf")}</Button>
          </div>
        }
        class="mb-6"
      />
      <DocumentBody view={view} t={t} locale={locale} />
      {view.derived.length > 0 && (
        <section aria-labelledby="credits-heading" class="mt-6">
          <h2 id="credits-heading" class="mb-2 text-lg font-semibold">{t("billing.view.credit_notes")}</h2>
          <ul class="list-disc ps-5 text-sm">
            {view.derived.map((d) => (
              <li key={d.id}>
                <a
                  href={`${studio.base}/app/credit-notes/${d.id}`}
                  class="text-brand-700 underline focus-ring"
                >
                  {d.number ?? t("billing.draft")}
                </a>{" "}
                — {formatAmount(d.total, d.currency, locale)} — {t(`billing.status.${d.status}`)}
                {d.issueDate && ` — ${localDate(d.issueDate, locale)}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.payments && (
        <div class="mt-6">
          <InvoicePayments
            invoice={doc}
            {...data.payments}
            base={studio.base}
            t={t}
            locale={locale}
            canRecord={can(state.staff!.role, "payments.record")}
          />
        </div>
      )}
      {manage && doc.status === "draft" && (
        <>
          <Dialog
            id="issue-dialog"
            title={t("billing.view.issue_title")}
            closeLabel={t("billing.view.close")}
          >
            <p class="mb-4 text-sm">{t("billing.view.issue_body")}</p>
            <form method="post" class="flex justify-end gap-2">
              {versionField}
              <input type="hidden" name="intent" value="issue" />
              <NotifyClientCheckbox
                label={t("notify.staff.send_invoice")}
                checked={data.notify}
                class="me-auto"
              />
              <Button type="submit">{t("billing.view.issue_confirm")}</Button>
            </form>
          </Dialog>
          <Dialog
            id="delete-dialog"
            title={t("billing.view.delete_title")}
            closeLabel={t("billing.view.close")}
          >
            <p class="mb-4 text-sm">{t("billing.view.delete_body")}</p>
            <form method="post" class="flex justify-end gap-2">
              {versionField}
              <input type="hidden" name="intent" value="delete" />
              <Button type="submit" variant="danger">{t("billing.view.delete_confirm")}</Button>
            </form>
          </Dialog>
        </>
      )}
    </>
  );
});
