/**
 * Payment reminders for overdue invoices. The studio's `reminderDays` (e.g. 3, 14, 30) are the days
 * after the due date each reminder goes out; each (invoice, step) is mailed at most once, because its
 * `dunning_reminders` row is inserted first and the e-mail sent inside that same transaction: a second
 * sweep (or one racing this one) finds the row and sends nothing, and a failed send rolls the row back
 * so that tomorrow's sweep tries again.
 */
import { and, eq, inArray, lt } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { billingDocuments, clients, dunningReminders } from "../../db/schema/mod.ts";
import { formatDate } from "../i18n/format.ts";
import { isSupportedLocale } from "../i18n/locales.ts";
import { createTranslator } from "../i18n/translator.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { balanceDue, isOverdue } from "./balance.ts";
import { formatAmount } from "./currency.ts";
import type { DocumentRow } from "./documents.ts";
import { getIssuer } from "./settings.ts";

/** A reminder that is due: the invoice, which step of `reminderDays`, and where it goes. */
export interface DueReminder {
  invoice: DocumentRow;
  /** Index into the studio's reminderDays. */
  step: number;
  daysLate: number;
  /** The client's e-mail now, else the one printed on the invoice; null when there is none. */
  email: string | null;
  /** The client's language, when the app speaks it. */
  locale: string | null;
}

/**
 * The overdue invoices (`today` is the studio's local date) whose latest reached reminder step has not
 * been sent. Only the latest step: a studio that turns reminders on late does not mail three at once.
 */
export async function dueReminders(db: TenantDb, today: string): Promise<DueReminder[]> {
  const { settings } = await getIssuer(db);
  const days = [...settings.reminderDays].sort((a, b) => a - b);
  if (days.length === 0) return [];
  const rows = await db.select({ invoice: billingDocuments, email: clients.email, locale: clients.locale })
    .from(billingDocuments)
    .innerJoin(clients, eq(clients.id, billingDocuments.clientId))
    .where(and(
      inArray(billingDocuments.kind, ["invoice", "deposit_invoice"]),
      inArray(billingDocuments.status, ["issued", "partially_paid"]),
      lt(billingDocuments.dueDate, today),
    ));
  const candidates = rows.flatMap(({ invoice, email, locale }) => {
    if (!isOverdue(invoice, today)) return [];
    const daysLate = Temporal.PlainDate.from(invoice.dueDate!).until(Temporal.PlainDate.from(today)).days;
    const step = days.findLastIndex((d) => d <= daysLate);
    if (step < 0) return [];
    return [{ invoice, step, daysLate, email: email ?? invoice.clientSnapshot?.email ?? null, locale }];
  });
  if (candidates.length === 0) return [];
  const sent = await db.select().from(dunningReminders)
    .where(inArray(dunningReminders.documentId, candidates.map((c) => c.invoice.id)));
  const done = new Set(sent.map((r) => `${r.documentId}/${r.step}`));
  return candidates.filter((c) => !done.has(`${c.invoice.id}/${c.step}`));
}

/**
 * Sends one reminder unless it was sent already; true when it went out. The row and the e-mail share
 * one transaction (see the module comment). A reminder without an address is skipped.
 */
export async function sendReminder(db: TenantDb, mailer: Mailer, reminder: DueReminder): Promise<boolean> {
  const to = reminder.email;
  if (!to) return false;
  const issuer = await getIssuer(db);
  return await db.transaction(async (tx) => {
    const inserted = await tx.insert(dunningReminders)
      .values({ documentId: reminder.invoice.id, step: reminder.step, sentTo: to })
      .onConflictDoNothing().returning();
    if (inserted.length === 0) return false;
    const locale = isSupportedLocale(reminder.locale)
      ? reminder.locale
      : isSupportedLocale(issuer.locale)
      ? issuer.locale
      : "en";
    const { t } = createTranslator(locale);
    const invoice = reminder.invoice;
    const params = {
      name: invoice.clientSnapshot?.name ?? "",
      number: invoice.number ?? "",
      studio: issuer.name,
      amount: formatAmount(balanceDue(invoice), invoice.currency, locale),
      dueDate: formatDate(new Date(`${invoice.dueDate}T12:00:00Z`), "UTC", locale, "long"),
    };
    await mailer.send({ to, subject: t("dunning.subject", params), text: t("dunning.body", params) });
    return true;
  });
}

/** One sweep of a studio: every due reminder sent once. Returns how many went out. */
export async function runDunning(db: TenantDb, mailer: Mailer, today: string): Promise<number> {
  let sent = 0;
  for (const reminder of await dueReminders(db, today)) {
    if (await sendReminder(db, mailer, reminder)) sent++;
  }
  return sent;
}
