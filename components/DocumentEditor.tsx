import { DocumentForm } from "./DocumentForm.tsx";
import { fieldId } from "./Field.tsx";
import { FormErrorSummary } from "./FormErrorSummary.tsx";
import { PageHeader } from "./PageHeader.tsx";
import type { EditorChoices } from "@/lib/billing/document_editor.ts";
import type { DocumentFormValues } from "@/lib/billing/document_form.ts";
import type { DocumentTotals } from "@/lib/billing/totals.ts";
import type { Translator } from "@/lib/i18n/mod.ts";

/** What the new and edit pages of quotes and invoices hand to DocumentEditor. */
export interface EditorData {
  values: DocumentFormValues;
  errors: Record<string, string>;
  choices: EditorChoices;
  currency: string;
  totals: DocumentTotals | null;
  version?: number;
}

/** A whole editor page: heading, the error summary linking to each bad field, and the form. */
export function DocumentEditor(
  { kind, title, intro, data, submitLabel, cancelHref, t, locale }: {
    kind: "invoice" | "quote";
    title: string;
    intro?: string;
    data: EditorData;
    submitLabel: string;
    cancelHref: string;
    t: Translator["t"];
    locale: string;
  },
) {
  const summary = Object.entries(data.errors).map(([name, message]) => ({
    name,
    message,
    // Tax and form-wide errors have no single control: link to the message itself.
    id: name === "form" ? undefined : name.endsWith("taxRateIds") ? `${fieldId(name)}-error` : undefined,
  }));
  const { settings } = data.choices;
  return (
    <>
      <PageHeader title={title} description={intro} class="mb-6" />
      <FormErrorSummary title={t("billing.form.problem")} errors={summary} class="mb-6" />
      <DocumentForm
        kind={kind}
        values={data.values}
        errors={data.errors}
        clients={data.choices.clients}
        taxRates={data.choices.taxRates}
        services={data.choices.services}
        currency={data.currency}
        totals={data.totals}
        termsDays={kind === "invoice" ? settings.paymentTermsDays : settings.quoteValidityDays}
        submitLabel={submitLabel}
        cancelHref={cancelHref}
        hidden={data.version !== undefined ? { version: String(data.version) } : undefined}
        t={t}
        locale={locale}
      />
    </>
  );
}
