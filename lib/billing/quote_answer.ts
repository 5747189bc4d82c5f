/**
 * The client's answer to a quote as its pages post it — the secret link (`routes/q/[token].tsx`) and the
 * portal (`routes/portal/(account)/quotes/[id]`) share the same two forms: accept by typing a full name
 * and ticking "I have read the quote", or decline with an optional reason.
 *
 * ```ts
 * const result = await answerQuote(db, { id, clientId }, await readForm(req), { ip, userAgent }, t);
 * if ("answered" in result) return redirect(`${self}?answer=${result.answered}`);
 * return render({ form: result.form }, { status: 422 });
 * ```
 */
import { ValidationError } from "../errors.ts";
import type { Translator } from "../i18n/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { acceptQuote, declineQuote, type QuoteKey } from "./quotes.ts";

/** The fields as typed, kept when the page is shown again, with errors by field name. */
export interface QuoteAnswerForm {
  name: string;
  readTerms: boolean;
  reason: string;
  errors: Record<string, string>;
}

export const EMPTY_QUOTE_ANSWER: QuoteAnswerForm = { name: "", readTerms: false, reason: "", errors: {} };

/**
 * Accepts or declines the quote `key` opens from a posted form. Returns what was answered, or the form
 * with errors beside its fields (name, read_terms, reason). A quote no longer open throws
 * QuoteLinkClosed, an unknown one NotFoundError, for the page to say why.
 */
export async function answerQuote(
  db: TenantDb,
  key: QuoteKey,
  posted: FormData,
  who: { ip?: string | null; userAgent?: string | null },
  t: Translator["t"],
): Promise<{ answered: "accepted" | "declined" } | { form: QuoteAnswerForm }> {
  const form: QuoteAnswerForm = {
    name: String(posted.get("name") ?? ""),
    readTerms: posted.get("read_terms") === "on",
    reason: String(posted.get("reason") ?? ""),
    errors: {},
  };
  try {
    if (posted.get("answer") === "decline") {
      await declineQuote(db, key, { ...who, reason: form.reason });
      return { answered: "declined" };
    }
    if (form.name.trim().length < 2) form.errors.name = t("quote_link.error.name");
    if (!form.readTerms) form.errors.read_terms = t("quote_link.error.read_terms");
    if (Object.keys(form.errors).length === 0) {
      await acceptQuote(db, key, { ...who, name: form.name });
      return { answered: "accepted" };
    }
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    form.errors = err.fields.name
      ? { name: t("quote_link.error.name") }
      : Object.fromEntries(Object.entries(err.fields).filter(([field]) => field === "reason"));
    if (Object.keys(form.errors).length === 0) throw err;
  }
  return { form };
}
