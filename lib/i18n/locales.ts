/** Locales the app ships a complete catalogue for; adding one here makes `catalogues.ts` demand its file. */
export const SUPPORTED_LOCALES = ["en", "fr"] as const;

/** A locale the app can render in. */
export type Locale = typeof SUPPORTED_LOCALES[number];

/** The locale used when nothing the user, studio or browser says matches a supported one. */
export const DEFAULT_LOCALE: Locale = "en";

/** Whether `value` is exactly one of SUPPORTED_LOCALES (case-sensitive; see `matchLocale` for tags like "fr-CA"). */
export function isSupportedLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}
