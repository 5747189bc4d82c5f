import type { Locale } from "../i18n/locales.ts";
import type { Translator } from "../i18n/translator.ts";

/** Request-scoped values every route and page can read from `ctx.state`. */
export interface State {
  requestId: string;
  locale: Locale;
  t: Translator["t"];
  /** Set when a studio is resolved from the host or path (tenancy). */
  studio?: { id: string; slug: string; name: string; locale?: string; timezone: string; currency: string };
}
