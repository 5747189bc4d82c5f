import type { Locale } from "./locales.ts";
import { en, type MessageId } from "./messages/en.ts";
import { fr } from "./messages/fr.ts";

/** A complete set of translations: every English message id mapped to its text in one locale. */
export type Catalogue = Readonly<Record<MessageId, string>>;

/** Every shipped catalogue; typed by Locale so a locale added to SUPPORTED_LOCALES without its file fails to compile. */
export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en, fr };
