/**
 * What the quote and invoice editor pages share: the choices they offer (clients, tax rates,
 * catalogue services) and one submit step — add rows, recompute totals, or save the draft — so the
 * new and edit routes of both kinds stay a few lines each.
 */
import { asc, isNull } from "drizzle-orm";
import { clients, type LineTaxSnapshot, services, taxRates } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import type { Translator } from "../i18n/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { fieldMessages, problem, ResourceValidationError } from "../validation_messages.ts";
import {
  applyServices,
  BLANK_ROWS,
  blankLine,
  type DocumentFormValues,
  errorsOnRows,
  formValues,
  inputFromValues,
  previewTotals,
  type ServiceChoice,
} from "./document_form.ts";
import { type BillingDocument, createDraft, updateDraft } from "./documents.ts";
import type { DocumentTotals } from "./totals.ts";
import { type BillingSettings, getIssuer } from "./settings.ts";

export interface EditorChoices {
  clients: { id: string; name: string; currency: string | null }[];
  taxRates: LineTaxSnapshot[];
  services: ServiceChoice[];
  settings: BillingSettings;
  baseCurrency: string;
}

/** The clients (not archived), live tax rates and catalogue services the editor offers. */
export async function editorChoices(db: TenantDb): Promise<EditorChoices> {
  const [clientRows, taxRows, serviceRows, issuer] = await Promise.all([
    db.select({ id: clients.id, name: clients.name, currency: clients.currency }).from(clients)
      .where(isNull(clients.archivedAt)).orderBy(asc(clients.name)),
    db.select().from(taxRates).where(isNull(taxRates.archivedAt)).orderBy(asc(taxRates.name)),
    db.select().from(services).where(isNull(services.archivedAt)).orderBy(asc(services.name)),
    getIssuer(db),
  ]);
  return {
    clients: clientRows,
    taxRates: taxRows.map((r) => ({ id: r.id, name: r.name, rate: r.rate, compound: r.compound })),
    services: serviceRows.map((s) => ({ ...s, currency: s.currency.trim() })),
    settings: issuer.settings,
    baseCurrency: issuer.baseCurrency,
  };
}

/** The currency a form's amounts are in: the one chosen, else the client's, else the studio's. */
export function formCurrency(values: DocumentFormValues, choices: EditorChoices): string {
  return values.currency ||
    choices.clients.find((c) => c.id === values.clientId)?.currency?.trim() ||
    choices.baseCurrency;
}

/** The totals beside the form, from the totals engine; null while a line cannot be computed. */
export function editorTotals(
  values: DocumentFormValues,
  choices: EditorChoices,
  locale: string,
): DocumentTotals | null {
  return previewTotals(values, {
    currency: formCurrency(values, choices),
    locale,
    taxRates: choices.taxRates,
    settings: choices.settings,
  });
}

export type EditorOutcome =
  | { saved: BillingDocument }
  | { values: DocumentFormValues; errors: Record<string, string>; status: number };

/**
 * Handles a posted editor form. `intent` "add_lines" adds blank rows and "update" recomputes; anything
 * else saves: a new draft of `kind`, or (given `id`) the draft at the posted `version`. Field errors
 * and a stale version come back as errors to show on the form (in the reader's language, `t`), never
 * as an error page.
 */
export async function submitEditor(
  db: TenantDb,
  form: FormData,
  options: {
    kind: "invoice" | "quote";
    id?: string;
    choices: EditorChoices;
    locale: string;
    t: Translator["t"];
    acting: ActingAs;
  },
): Promise<EditorOutcome> {
  const { choices, locale } = options;
  const posted = formValues(form);
  const currency = formCurrency(posted, choices);
  let values = applyServices(posted, choices.services, { currency, locale });
  const intent = form.get("intent");
  if (intent === "add_lines") {
    const blanks = Array.from({ length: BLANK_ROWS }, () => blankLine(choices.settings.defaultTaxRateIds));
    values = { ...values, lines: [...values.lines, ...blanks] };
    return { values, errors: {}, status: 200 };
  }
  if (intent === "update") return { values, errors: {}, status: 200 };
  let rowOf: number[] = [];
  try {
    const parsed = inputFromValues(values, { currency, locale });
    rowOf = parsed.rowOf;
    if (!options.id) return { saved: await createDraft(db, options.kind, parsed.input, options.acting) };
    const version = Number(form.get("version"));
    if (!Number.isInteger(version)) {
      throw new ResourceValidationError({ form: problem("billing.error.stale_form") });
    }
    return { saved: await updateDraft(db, options.id, version, parsed.input, options.acting) };
  } catch (err) {
    if (err instanceof ValidationError) {
      return { values, errors: errorsOnRows(fieldMessages(err, options.t), rowOf), status: 422 };
    }
    if (err instanceof ConflictError) return { values, errors: { form: err.message }, status: 409 };
    throw err;
  }
}
