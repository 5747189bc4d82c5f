import type { Locale } from "./locales.ts";

/** A value and its label, as a `<select>` lists them. */
export interface Choice {
  value: string;
  label: string;
}

// Codes Intl names that are not countries a studio can be in.
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"]);
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALL_REGION_CODES = [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b));

const cache = new Map<string, Choice[]>();
const cached = (key: string, build: () => Choice[]) => {
  let options = cache.get(key);
  if (!options) cache.set(key, options = build());
  return options;
};
const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label);

/** Countries by their name in `locale`, from what the runtime's Intl knows (ISO 3166-1 alpha-2 values). */
export function countryOptions(locale: Locale): Choice[] {
  return cached(`country:${locale}`, () => {
    const names = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
    return ALL_REGION_CODES.flatMap((code) => {
      const label = NOT_COUNTRIES.has(code) ? undefined : names.of(code);
      return label ? [{ value: code, label }] : [];
    }).sort(byLabel);
  });
}

/** Every IANA time zone the runtime supports, labelled by its id (Europe/Paris). */
export function timeZoneOptions(): Choice[] {
  return cached("tz", () => Intl.supportedValuesOf("timeZone").map((zone) => ({ value: zone, label: zone })));
}

/** ISO 4217 currencies, "EUR — Euro". */
export function currencyOptions(locale: Locale): Choice[] {
  return cached(`currency:${locale}`, () => {
    const names = new Intl.DisplayNames([locale], { type: "currency", fallback: "none" });
    return Intl.supportedValuesOf("currency").flatMap((code) => {
      const name = names.of(code);
      return name ? [{ value: code, label: `${code} — ${name}` }] : [];
    });
  });
}
