/**
 * The language the client portal speaks. Staff pages follow the studio; the portal follows the
 * client: the signed-in client's preferred language (`clients.locale`) when the app has it, else the
 * language the visitor chose with the portal's switcher (a cookie), else the best match of their
 * browser's Accept-Language among the supported locales, else the studio's language. Dates and money
 * are formatted in that locale; times stay on the studio's clock (its zone is named on the pages).
 *
 * Domain errors that reach a portal page carry a message id ({@link withMessage}) so the portal's
 * middleware can show them in the page's language ({@link translatePortalError}).
 */
import { eq } from "drizzle-orm";
import { clients } from "../../db/schema/mod.ts";
import { type ActingAs, recordAudit } from "../audit/audit.ts";
import { ClientInputError } from "../clients/client_input.ts";
import { NotFoundError } from "../errors.ts";
import { HttpError } from "../fw/http_error.ts";
import {
  createTranslator,
  isSupportedLocale,
  type Locale,
  matchLocale,
  type MessageId,
  type MessageParams,
  negotiateLocale,
  SUPPORTED_LOCALES,
} from "../i18n/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/** The cookie that keeps a visitor's choice of language (signed out, or as well as the profile). */
export const PORTAL_LANGUAGE_COOKIE = "rsm_portal_lang";
/** A choice of language is kept for a year. */
export const PORTAL_LANGUAGE_LIFETIME_MS = 365 * 24 * 60 * 60_000;

/** What is known about the portal reader's language, from most to least deliberate. */
export interface PortalLocaleHints {
  /** The signed-in client's preferred language (their record's `locale`), if any. */
  client?: string | null;
  /** The language picked with the portal's switcher (its cookie). */
  chosen?: string | null;
  /** The browser's Accept-Language header. */
  acceptLanguage?: string | null;
  /** The studio's language. */
  studio?: string | null;
}

/**
 * The portal's locale: the client's preference, else the visitor's choice, else Accept-Language's best
 * supported match, else the studio's language, else `fallback`. Unsupported hints are passed over
 * ("de" for a client is ignored; "fr-CA" reads as "fr").
 *
 * @example portalLocale({ client: "de", acceptLanguage: "fr-CA,en;q=0.5", studio: "en" }) // "fr"
 */
export function portalLocale(hints: PortalLocaleHints, fallback: Locale): Locale {
  const studio = (hints.studio ? matchLocale(hints.studio) : undefined) ?? fallback;
  return (hints.client ? matchLocale(hints.client) : undefined) ??
    (hints.chosen ? matchLocale(hints.chosen) : undefined) ??
    // With the studio's language as the fallback, "*" and no match both land on it.
    negotiateLocale({ acceptLanguage: hints.acceptLanguage }, studio);
}

/** Each supported language by its own name ("Français"), as a reader looks for it. */
export function languageChoices(): { value: Locale; label: string }[] {
  return SUPPORTED_LOCALES.map((code) => {
    const name = new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
    return { value: code, label: name.charAt(0).toLocaleUpperCase(code) + name.slice(1) };
  });
}

/** The supported locale a switcher posted, or a ClientInputError on `locale`. */
export function parseLanguageChoice(value: unknown): Locale {
  if (isSupportedLocale(value)) return value;
  throw withMessage(
    new ClientInputError({ locale: { id: "portal.language.unsupported" } }),
    "portal.language.unsupported",
  );
}

/**
 * Stores the signed-in client's language on their record (what their e-mails and the portal use),
 * audited `client.updated` with the actor of `acting` (the client), in one transaction. The record's
 * version moves on, like any edit of it: a profile form opened before is then refused as stale.
 * Choosing the language it already has changes nothing.
 */
export async function setClientLocale(
  db: TenantDb,
  clientId: string,
  locale: Locale,
  acting: ActingAs,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({
      locale: clients.locale,
      version: clients.version,
      archivedAt: clients.archivedAt,
    })
      .from(clients).where(eq(clients.id, clientId)).for("update");
    if (!before || before.archivedAt) throw new NotFoundError("No such client.");
    if (before.locale === locale) return;
    await tx.update(clients).set({ locale, version: before.version + 1, updatedAt: new Date() })
      .where(eq(clients.id, clientId));
    await recordAudit(tx, {
      ...acting,
      action: "client.updated",
      entity: { type: "client", id: clientId },
      changes: { locale: { before: before.locale, after: locale } },
    });
  });
}

const MESSAGE = Symbol("portal message");

interface WithMessage {
  [MESSAGE]?: { id: MessageId; params?: MessageParams };
}

/**
 * Tags a domain error with the message id that says the same as its (English) message, so a portal
 * page shows it in the reader's language while the API and the logs keep the English text.
 *
 * @example throw withMessage(new ConflictError("Too late to cancel online."), "portal.error.cancel_closed");
 */
export function withMessage<E extends Error>(err: E, id: MessageId, params?: MessageParams): E {
  (err as E & WithMessage)[MESSAGE] = { id, params };
  return err;
}

/** The message id an error was tagged with, if any. */
export function messageOf(err: unknown): { id: MessageId; params?: MessageParams } | undefined {
  return err instanceof Error ? (err as Error & WithMessage)[MESSAGE] : undefined;
}

/**
 * An error about to become a portal error page, its message in `locale`: a tagged error's message is
 * translated; an untagged expected error (4xx) keeps its English sentence only for English readers —
 * the page's translated title and explanation say the rest.
 */
export function translatePortalError(err: unknown, locale: Locale): unknown {
  if (!(err instanceof HttpError) || err.status >= 500) return err;
  const tagged = messageOf(err);
  if (tagged) {
    err.message = createTranslator(locale).t(tagged.id, tagged.params);
  } else if (locale !== "en") {
    err.message = "";
  }
  return err;
}
