/** One language range from an Accept-Language header with its quality weight. */
export interface LanguagePreference {
  /** A lower-cased BCP 47 tag such as "fr-ca", or "*" for any language. */
  readonly tag: string;
  /** Quality between 0 and 1; 0 means the client refuses that language. */
  readonly q: number;
}

// RFC 9110 §12.4.2 qvalue, and a loose BCP 47 shape; "_" is accepted because some clients send "fr_CA".
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;
const LANGUAGE_RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/;

/**
 * Parses an Accept-Language header into preferences, highest quality first (ties keep header order).
 * Malformed entries are skipped rather than failing the request.
 *
 * @example parseAcceptLanguage("fr-CA, en;q=0.8") // [{ tag: "fr-ca", q: 1 }, { tag: "en", q: 0.8 }]
 */
export function parseAcceptLanguage(header: string): LanguagePreference[] {
  const preferences: LanguagePreference[] = [];
  for (const entry of header.split(",")) {
    const [range = "", ...parameters] = entry.split(";").map((part) => part.trim());
    const tag = range.toLowerCase().replaceAll("_", "-");
    if (!LANGUAGE_RANGE.test(tag)) continue;
    const q = quality(parameters);
    if (q !== undefined) preferences.push({ tag, q });
  }
  return preferences.sort((a, b) => b.q - a.q);
}

function quality(parameters: string[]): number | undefined {
  const weight = parameters.find((parameter) => /^q\s*=/i.test(parameter));
  if (weight === undefined) return 1;
  const value = weight.slice(weight.indexOf("=") + 1).trim();
  return QVALUE.test(value) ? Number(value) : undefined;
}
