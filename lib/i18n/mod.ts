// Public entry point of the i18n module: import from "@/lib/i18n/mod.ts".

export { DEFAULT_LOCALE, isSupportedLocale, type Locale, SUPPORTED_LOCALES } from "./locales.ts";
export { type LocaleHints, matchLocale, negotiateLocale } from "./negotiate.ts";
export { type LanguagePreference, parseAcceptLanguage } from "./accept_language.ts";
export { createTranslator, type Translator } from "./translator.ts";
export type { MessageParams } from "./message_format.ts";
export type { MessageId } from "./messages/en.ts";
export {
  currencyExponent,
  type DateTimeStyle,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatTime,
  type Instant,
} from "./format.ts";
