import { parseAcceptLanguage } from "./accept_language.ts";
import { DEFAULT_LOCALE, type Locale, SUPPORTED_LOCALES } from "./locales.ts";

/** What is known about the reader's language, from most to least deliberate. */
export interface LocaleHints {
  /** The signed-in user's saved preference. */
  user?: string | null;
  /** The studio's default language. */
  studio?: string | null;
  /** The browser's Accept-Language header. */
  acceptLanguage?: string | null;
}

/**
 * Chooses the locale to render in: the user's preference, else the studio default, else the best
 * Accept-Language match, else `fallback` (the deployment's DEFAULT_LOCALE setting). Unsupported or
 * malformed hints are passed over.
 *
 * @example negotiateLocale({ studio: "de", acceptLanguage: "fr-CA,en;q=0.5" }) // "fr"
 */
export function negotiateLocale(hints: LocaleHints, fallback: Locale = DEFAULT_LOCALE): Locale {
  return (hints.user ? matchLocale(hints.user) : undefined) ??
    (hints.studio ? matchLocale(hints.studio) : undefined) ??
    (hints.acceptLanguage ? matchAcceptLanguage(hints.acceptLanguage, fallback) : undefined) ??
    fallback;
}

/** The supported locale for a BCP 47 tag, exactly or by its language alone (fr-CA → fr), ignoring case. */
export function matchLocale(tag: string): Locale | undefined {
  const wanted = tag.trim().toLowerCase().replaceAll("_", "-");
  const language = wanted.split("-")[0];
  return SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === wanted) ??
    SUPPORTED_LOCALES.find((locale) => locale.toLowerCase().split("-")[0] === language);
}

function matchAcceptLanguage(header: string, fallback: Locale): Locale | undefined {
  const preferences = parseAcceptLanguage(header);
  // q=0 refuses every locale the range covers ("fr" covers fr and fr-CA, "fr-CA" does not cover fr),
  // including when "*" or a regional fallback would otherwise pick it.
  const refused = new Set<Locale>(
    preferences.filter((p) => p.q === 0 && p.tag !== "*").flatMap((p) =>
      SUPPORTED_LOCALES.filter((locale) => covers(p.tag, locale))
    ),
  );
  for (const { tag, q } of preferences) {
    if (q === 0) break;
    const locale = tag === "*"
      ? [fallback, ...SUPPORTED_LOCALES].find((candidate) => !refused.has(candidate))
      : matchLocale(tag);
    if (locale && !refused.has(locale)) return locale;
  }
  return undefined;
}

function covers(range: string, locale: Locale): boolean {
  const tag = locale.toLowerCase();
  return tag === range || tag.startsWith(`${range}-`);
}
