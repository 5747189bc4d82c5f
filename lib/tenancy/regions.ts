/**
 * A studio's region is chosen at sign-up from its country (overridable), so its data sits near
 * its staff and clients. Our regions are named by continent group; a deployment configures which
 * exist (REGIONS). A country whose natural region is not configured falls back to DEFAULT_REGION.
 */

// ISO 3166-1 alpha-2 codes of the Americas and of Asia-Pacific; everything else (Europe, Africa,
// the Middle East) is nearest to "eu".
const AMERICAS = new Set(
  ("AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GT GY HN HT JM KN KY LC " +
    "MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI").split(" "),
);
const ASIA_PACIFIC = new Set(
  ("AS AU BD BN BT CC CK CN CX FJ FM GU HK ID IN IO JP KH KI KP KR LA LK MH MM MN MO MP MV MY NC NF NP " +
    "NR NU NZ PF PG PH PK PN PW SB SG TH TK TL TO TV TW UM VN VU WF WS").split(" "),
);

/** The natural region of a country: "us", "ap" or "eu". */
export function naturalRegion(country: string): string {
  const code = country.toUpperCase();
  if (AMERICAS.has(code)) return "us";
  if (ASIA_PACIFIC.has(code)) return "ap";
  return "eu";
}

/** The configured region for a new studio: the one asked for, else its country's, else the default. */
export function chooseRegion(
  options: { requested?: string; country?: string },
  regions: readonly string[],
  defaultRegion: string,
): string {
  if (options.requested) return options.requested;
  const natural = options.country ? naturalRegion(options.country) : undefined;
  return natural && regions.includes(natural) ? natural : defaultRegion;
}
