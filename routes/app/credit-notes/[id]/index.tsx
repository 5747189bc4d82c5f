import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { DocumentBody } from "@/components/DocumentView.tsx";
import {
  DocumentHeader,
  DocumentPageTop,
  DraftActions,
  DraftDialogs,
} from "@/components/DraftDocumentPage.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { type DocumentView, documentView } from "@/lib/billing/document_view.ts";
import { issueCreditNote } from "@/lib/billing/credit_notes.ts";
import { postDraftAction } from "@/lib/billing/draft_actions.ts";
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
    const form = await readForm(ctx.req);
    return await postDraftAction(ctx, form, {
      list: "/app/credit-notes",
      issue: (version) => issueCreditNote(ctx.state.studio!.db, ctx.params.id, version, actingAs(ctx)),
      refused: async (error, status) => ctx.render(await load(ctx, error), { status }),
    });
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const { view } = data;
  const { doc } = view;
  const manage = can(state.staff!.role, "invoices.manage");
  const notice = NOTICES[url.searchParams.get("saved") ?? ""];
  const draft = manage && doc.status === "draft";
  return (
    <>
      <DocumentPageTop
        backHref={`${studio.base}/app/credit-notes`}
        backLabel={t("billing.view.back_credit_notes")}
        notice={notice && t(notice)}
        error={data.error}
        t={t}
      />
      <DocumentHeader
        view={view}
        t={t}
        details={view.related && (
          <a
            href={`${studio.base}/app/invoices/${view.related.id}`}
            class="text-brand-700 underline focus-ring"
          >
            {t("billing.view.credits_invoice", { number: view.related.number ?? "" })}
          </a>
        )}
        actions={
          <>
            {draft && <DraftActions t={t} />}
            <Button href={`${studio.base}/app/credit-notes/${doc.id}/pdf`} variant="ghost">
              {t("billing.view.pdf")}
            </Button>
          </>
        }
      />
      <DocumentBody view={view} t={t} locale={locale} />
      {draft && <DraftDialogs doc={doc} t={t} />}
    </>
  );
});
