import { CATALOGUES } from "./catalogues.ts";
import type { Locale } from "./locales.ts";
import { type MessageNode, type MessageParams, parseMessage, renderMessage } from "./message_format.ts";
import type { MessageId } from "./messages/en.ts";

/** Turns message ids into text in one locale. */
export interface Translator {
  /** The locale every message is rendered in. */
  readonly locale: Locale;
  /** The message `id` with its `{name}` and plural arguments filled from `params`. */
  t(id: MessageId, params?: MessageParams): string;
}

// Translators are stateless, and messages are parsed once per locale on first use: both sit on the render path.
const translators = new Map<Locale, Translator>();

/**
 * Returns the translator for `locale`; `t` is safe to destructure.
 *
 * @example createTranslator("fr").t("dashboard.welcome", { name: "Nina" }) // "Bienvenue, Nina"
 */
export function createTranslator(locale: Locale): Translator {
  let translator = translators.get(locale);
  if (!translator) {
    const catalogue = CATALOGUES[locale];
    const parsed = new Map<MessageId, MessageNode[]>();
    const t = (id: MessageId, params: MessageParams = {}): string => {
      let nodes = parsed.get(id);
      if (!nodes) {
        // An id forged at runtime (a cast string) renders as itself rather than breaking the page.
        nodes = parseMessage(catalogue[id] ?? id);
        parsed.set(id, nodes);
      }
      return renderMessage(nodes, params, locale);
    };
    translator = { locale, t };
    translators.set(locale, translator);
  }
  return translator;
}
