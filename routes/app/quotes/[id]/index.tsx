import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Dialog, DialogTrigger } from "@/components/Dialog.tsx";
import { DocumentBody, StatusBadge } from "@/components/DocumentView.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Toast } from "@/components/Toast.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { deleteDraft } from "@/lib/billing/documents.ts";
import { type DocumentView, documentView } from "@/lib/billing/document_view.ts";
import { ConflictError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { formatDateTime, type MessageId } from "@/lib/i18n/mod.ts";

export const access: Access = { permission: "quotes.view", write: "quotes.manage" };

interface Data {
  view: DocumentView;
  error?: string;
}

const NOTICES: Record<string, MessageId> = {
  created: "billing.view.saved.created",
  saved: "billing.view.saved.saved",
  sent: "billing.view.saved.sent",
  revised: "billing.view.saved.revised",
};

async function load(ctx: Ctx<Data>, error?: string): Promise<Data> {
  return { view: await documentView(ctx.state.studio!.db, ctx.params.id, ["quote"]), error };
}

/**
 * A quote with its status, revision and (once accepted) signature. Sending, converting and revising
 * are POST routes of their own (send.ts, convert.ts, revise.ts); this page posts a draft's deletion.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "quotes.view");
    return ctx.render(await load(ctx));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "quotes.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    try {
      await deleteDraft(studio.db, ctx.params.id, Number(form.get("version")), actingAs(ctx));
      return ctx.redirect(`${studio.base}/app/quotes?saved=deleted`);
    } catch (err) {
      if (err instanceof ConflictError) return ctx.render(await load(ctx, err.message), { status: 409 });
      throw err;
    }
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const { view } = data;
  const { doc } = view;
  const base = `${studio.base}/app/quotes/${doc.id}`;
  const manage = can(state.staff!.role, "quotes.manage");
  const notice = NOTICES[url.searchParams.get("saved") ?? ""];
  const version = <input type="hidden" name="version" value={String(doc.version)} />;
  const signature = doc.signature;
  return (
    <>
      <p class="mb-2 text-sm">
        <a href={`${studio.base}/app/quotes`} class="text-brand-700 underline focus-ring">
          {t("billing.view.back_quotes")}
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
            <span>{t("billing.kind.quote")}</span>
            <StatusBadge status={view.status} t={t} />
            <span>{t("billing.view.revision", { n: doc.revision })}</span>
            {doc.title && <span>{doc.title}</span>}
          </span>
        }
        actions={
          <div class="flex flex-wrap gap-2">
            {manage && doc.status === "draft" && (
              <>
                <Button href={`${base}/edit`} variant="secondary">{t("billing.view.edit")}</Button>
                <form method="post" action={`${base}/send`}>
                  {version}
                  <Button type="submit">{t("billing.view.send")}</Button>
                </form>
                <DialogTrigger dialogId="delete-dialog" variant="danger">
                  {t("billing.view.delete")}
                </DialogTrigger>
              </>
            )}
            {manage && doc.status === "sent" && (
              <form method="post" action={`${base}/revise`}>
                {version}
                <Button type="submit" variant="secondary">{t("billing.view.revise")}</Button>
              </form>
            )}
            <Button href={`${base}/pdf`} variant="ghost">{t("billing.view.pdf")}</Button>
          </div>
        }
        class="mb-6"
      />
      {manage && (doc.status === "sent" || doc.status === "accepted") && (
        <section class="mb-6 flex flex-wrap items-end gap-4 rounded-lg border border-line bg-surface p-4">
          <form method="post" action={`${base}/convert`}>
            {version}
            <input type="hidden" name="target" value="invoice" />
            <Button type="submit">{t("billing.view.convert_invoice")}</Button>
          </form>
          <form method="post" action={`${base}/convert`} class="flex items-end gap-2">
            {version}
            <input type="hidden" name="target" value="deposit_invoice" />
            <label class="text-sm">
              <span class="block font-medium">{t("billing.view.deposit_percent")}</span>
              <input name="percent" inputmode="decimal" value="30" class="field mt-1 w-24" />
            </label>
            <Button type="submit" variant="secondary">{t("billing.view.convert_deposit")}</Button>
          </form>
        </section>
      )}
      {signature && (
        <section
          aria-labelledby="signature-heading"
          class="mb-6 rounded-lg border border-line bg-surface p-4"
        >
          <h2 id="signature-heading" class="mb-2 text-lg font-semibold">{t("billing.view.signature")}</h2>
          <dl class="grid gap-2 text-sm sm:grid-cols-[12rem_1fr]" data-testid="signature">
            <dt class="text-ink-muted">{t("billing.view.signed_by")}</dt>
            <dd>{signature.name}</dd>
            <dt class="text-ink-muted">{t("billing.view.signed_at")}</dt>
            <dd>
              {formatDateTime(new Date(signature.signedAt), view.zone, locale, {
                date: "long",
                time: "medium",
              })}
            </dd>
            <dt class="text-ink-muted">{t("billing.view.signed_ip")}</dt>
            <dd>{signature.ip ?? "—"}</dd>
            <dt class="text-ink-muted">{t("billing.view.signed_hash")}</dt>
            <dd class="break-all font-mono text-xs">{signature.documentHash}</dd>
          </dl>
        </section>
      )}
      <DocumentBody view={view} t={t} locale={locale} />
      {view.derived.length > 0 && (
        <ul class="mt-6 list-disc ps-5 text-sm">
          {view.derived.map((d) => (
            <li key={d.id}>
              <a
                href={`${studio.base}/app/${d.kind === "quote" ? "quotes" : "invoices"}/${d.id}`}
                class="text-brand-700 underline focus-ring"
              >
                {t(`billing.kind.${d.kind}`)} {d.number ?? t("billing.draft")}
              </a>
            </li>
          ))}
        </ul>
      )}
      {manage && doc.status === "draft" && (
        <Dialog
          id="delete-dialog"
          title={t("billing.view.delete_title")}
          closeLabel={t("billing.view.close")}
        >
          <form method="post" class="flex justify-end gap-2">
            {version}
            <Button type="submit" variant="danger">{t("billing.view.delete_confirm")}</Button>
          </form>
        </Dialog>
      )}
    </>
  );
});
