import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { DocumentBody, localDate } from "@/components/DocumentView.tsx";
import {
  DocumentHeader,
  DocumentPageTop,
  DraftActions,
  DraftDialogs,
} from "@/components/DraftDocumentPage.tsx";
import { InvoicePayments } from "@/components/InvoicePayments.tsx";
import { NotifyClientCheckbox } from "@/components/NotifyClientCheckbox.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { formatAmount } from "@/lib/billing/currency.ts";
import { type DocumentView, documentView } from "@/lib/billing/document_view.ts";
import { postDraftAction } from "@/lib/billing/draft_actions.ts";
import { type InvoicePaymentsView, invoicePaymentsView } from "@/lib/billing/invoice_payments_view.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
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
    const id = ctx.params.id;
    const form = await readForm(ctx.req);
    return await postDraftAction(ctx, form, {
      list: "/app/invoices",
      issue: async (version) => {
        await issueDocument(studio.db, id, version, actingAs(ctx), { kinds: KINDS });
        const link = studioLink(ctx, `/portal/invoices/${id}`);
        await notifyFromForm(ctx, form, (mailer) => notifyInvoiceIssued(mailer, studio.db, id, link));
      },
      refused: async (error, status) => ctx.render(await load(ctx, error), { status }),
    });
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
  const draft = manage && doc.status === "draft";
  return (
    <>
      <DocumentPageTop
        backHref={`${studio.base}/app/invoices`}
        backLabel={t("billing.view.back_invoices")}
        notice={notice && t(notice)}
        error={data.error}
        t={t}
      />
      <DocumentHeader
        view={view}
        t={t}
        details={doc.title && <span>{doc.title}</span>}
        actions={
          <>
            {draft && (
              <>
                <Button href={`${base}/edit`} variant="secondary">{t("billing.view.edit")}</Button>
                <DraftActions t={t} />
              </>
            )}
            {manage && creditable && (
              <Button href={`${base}/credit`} variant="secondary">{t("billing.view.credit")}</Button>
            )}
            <Button href={`${base}/pdf`} variant="ghost">{t("billing.view.pdf")}</Button>
          </>
        }
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
      {draft && (
        <DraftDialogs
          doc={doc}
          t={t}
          issueFields={
            <NotifyClientCheckbox
              label={t("notify.staff.send_invoice")}
              checked={data.notify}
              class="me-auto"
            />
          }
        />
      )}
    </>
  );
});
