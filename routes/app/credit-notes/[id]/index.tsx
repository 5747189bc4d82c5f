import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Dialog, DialogTrigger } from "@/components/Dialog.tsx";
import { DocumentBody, StatusBadge } from "@/components/DocumentView.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Toast } from "@/components/Toast.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { deleteDraft } from "@/lib/billing/documents.ts";
import { type DocumentView, documentView } from "@/lib/billing/document_view.ts";
import { issueCreditNote } from "@/lib/billing/credit_notes.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import type { MessageId } from "@/lib/i18n/mod.ts";

export const access: Access = { permission: "invoices.view", write: "invoices.manage" };

interface Data {
  view: DocumentView;
  error?: string;
}

const KINDS = ["credit_note" as const];
const NOTICES: Record<string, MessageId> = {
  created: "billing.view.saved.created",
  saved: "billing.view.saved.saved",
  issued: "billing.view.saved.issued",
  credit: "billing.view.saved.credit",
};

async function load(ctx: Ctx<Data>, error?: string): Promise<Data> {
  const db = ctx.state.studio!.db;
  const view = await documentView(db, ctx.params.id, KINDS);
  return { view, error };
}

/** A credit note: what it credits and why, its lines and totals; a draft is issued or deleted here. */
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
        return ctx.redirect(`${studio.base}/app/credit-notes?saved=deleted`);
      }
      await issueCreditNote(studio.db, id, version, actingAs(ctx));
      return ctx.redirect(`${studio.base}/app/credit-notes/${id}?saved=issued`);
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
  const base = `${studio.base}/app/credit-notes/${doc.id}`;
  const manage = can(state.staff!.role, "invoices.manage");
  const notice = NOTICES[url.searchParams.get("saved") ?? ""];
  const versionField = <input type="hidden" name="version" value={String(doc.version)} />;
  return (
    <>
      <p class="mb-2 text-sm">
        <a href={`${studio.base}/app/credit-notes`} class="text-brand-700 underline focus-ring">
          {t("billing.view.back_credit_notes")}
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
            {view.related && (
              <a
                href={`${studio.base}/app/invoices/${view.related.id}`}
                class="text-brand-700 underline focus-ring"
              >
                {t("billing.view.credits_invoice", { number: view.related.number ?? "" })}
              </a>
            )}
          </span>
        }
        actions={
          <div class="flex flex-wrap gap-2">
            {manage && doc.status === "draft" && (
              <>
                <DialogTrigger dialogId="issue-dialog">{t("billing.view.issue")}</DialogTrigger>
                <DialogTrigger dialogId="delete-dialog" variant="danger">
                  {t("billing.view.delete")}
                </DialogTrigger>
              </>
            )}
            <Button href={`${base}/pdf`} variant="ghost">{t("billing.view.pdf")}</Button>
          </div>
        }
        class="mb-6"
      />
      <DocumentBody view={view} t={t} locale={locale} />
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
