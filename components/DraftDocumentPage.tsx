import type { ComponentChildren } from "preact";
import type { BillingDocument } from "@/lib/billing/documents.ts";
import type { DocumentView } from "@/lib/billing/document_view.ts";
import type { Translator } from "@/lib/i18n/mod.ts";
import { Button } from "./Button.tsx";
import { Dialog, DialogTrigger } from "./Dialog.tsx";
import { StatusBadge } from "./DocumentView.tsx";
import { PageHeader } from "./PageHeader.tsx";
import { Toast } from "./Toast.tsx";

// The pieces the invoice and credit note pages share: the way back, what happened, the header with
// the number and status, and the dialogs that issue or delete a draft.

export interface DocumentPageTopProps {
  /** The list the page belongs to, and the link's text ("All invoices"). */
  backHref: string;
  backLabel: string;
  /** What `?saved=` says, if anything. */
  notice?: string;
  /** Why the last action was refused. */
  error?: string;
  t: Translator["t"];
}

/** Above a document's header: the link back to its list, the saved notice and a refusal. */
export function DocumentPageTop({ backHref, backLabel, notice, error, t }: DocumentPageTopProps) {
  return (
    <>
      <p class="mb-2 text-sm">
        <a href={backHref} class="text-brand-700 underline focus-ring">{backLabel}</a>
      </p>
      {notice && <Toast tone="success" dismissLabel={t("billing.view.close")} class="mb-4">{notice}</Toast>}
      {error && (
        <div
          role="alert"
          class="mb-4 rounded-lg border-2 border-danger-700 bg-danger-50 p-4 text-sm text-danger-800"
        >
          {error}
        </div>
      )}
    </>
  );
}

export interface DocumentHeaderProps {
  view: DocumentView;
  t: Translator["t"];
  /** After the kind and status, e.g. the title or the invoice a credit note credits. */
  details?: ComponentChildren;
  /** The page's buttons. */
  actions: ComponentChildren;
}

/** The document's number (or "Draft"), its kind and status, and the page's actions. */
export function DocumentHeader({ view, t, details, actions }: DocumentHeaderProps) {
  const { doc } = view;
  return (
    <PageHeader
      title={<span data-testid="doc-number">{doc.number ?? t("billing.draft")}</span>}
      description={
        <span class="flex flex-wrap items-center gap-2">
          <span>{t(`billing.kind.${doc.kind}`)}</span>
          <StatusBadge status={view.status} t={t} />
          {details}
        </span>
      }
      actions={<div class="flex flex-wrap gap-2">{actions}</div>}
      class="mb-6"
    />
  );
}

/** The buttons that open {@link DraftDialogs}. */
export function DraftActions({ t }: { t: Translator["t"] }) {
  return (
    <>
      <DialogTrigger dialogId="issue-dialog">{t("billing.view.issue")}</DialogTrigger>
      <DialogTrigger dialogId="delete-dialog" variant="danger">{t("billing.view.delete")}</DialogTrigger>
    </>
  );
}

export interface DraftDialogsProps {
  doc: Pick<BillingDocument, "version">;
  t: Translator["t"];
  /** More fields of the issue form, e.g. whether to e-mail the client. */
  issueFields?: ComponentChildren;
}

/**
 * Confirming a draft's issue or deletion: each posts `intent` with the `version` the page was shown
 * at, so a change made meanwhile is refused rather than issued unseen.
 */
export function DraftDialogs({ doc, t, issueFields }: DraftDialogsProps) {
  const version = <input type="hidden" name="version" value={String(doc.version)} />;
  return (
    <>
      <Dialog id="issue-dialog" title={t("billing.view.issue_title")} closeLabel={t("billing.view.close")}>
        <p class="mb-4 text-sm">{t("billing.view.issue_body")}</p>
        <form method="post" class="flex justify-end gap-2">
          {version}
          <input type="hidden" name="intent" value="issue" />
          {issueFields}
          <Button type="submit">{t("billing.view.issue_confirm")}</Button>
        </form>
      </Dialog>
      <Dialog id="delete-dialog" title={t("billing.view.delete_title")} closeLabel={t("billing.view.close")}>
        <p class="mb-4 text-sm">{t("billing.view.delete_body")}</p>
        <form method="post" class="flex justify-end gap-2">
          {version}
          <input type="hidden" name="intent" value="delete" />
          <Button type="submit" variant="danger">{t("billing.view.delete_confirm")}</Button>
        </form>
      </Dialog>
    </>
  );
}
