import type { daySheetEn } from "./day_sheet_en.ts";

// French typography: a no-break space (\u00a0) goes before ":"; apostrophes are typographic (’).
export const daySheetFr: Record<keyof typeof daySheetEn, string> = {
  "day_sheet.title": "Feuille du jour",
  "day_sheet.link": "Feuille du jour",
  "day_sheet.intro": "{date}\u00a0: heures du studio ({zone}).",
  "day_sheet.count": "{count, plural, =0 {Aucune séance} one {# séance} other {# séances}}",
  "day_sheet.mine": "Seulement les séances qui vous sont attribuées.",
  "day_sheet.empty": "Aucune séance ce jour-là.",
  "day_sheet.navigation": "Jours",
  "day_sheet.date": "Date",
  "day_sheet.back": "Calendrier",
  "day_sheet.print": "Imprimer",
  "day_sheet.print_hint":
    "Pour imprimer, utilisez la commande Imprimer du navigateur (Ctrl+P, ou ⌘P sur un Mac).",
  "day_sheet.time": "Heure",
  "day_sheet.session": "Séance",
  "day_sheet.sign": "Arrivée / signature",
  "day_sheet.internal": "Interne",
  "day_sheet.gear_line": "{name} × {quantity}",
} as const;
