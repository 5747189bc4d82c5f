// The printable day sheet for the front desk (English source; day_sheet_fr.ts mirrors these ids).
export const daySheetEn = {
  "day_sheet.title": "Day sheet",
  "day_sheet.link": "Day sheet",
  "day_sheet.intro": "{date}: times in the studio's time zone ({zone}).",
  "day_sheet.count": "{count, plural, =0 {No sessions} one {# session} other {# sessions}}",
  "day_sheet.mine": "Only the sessions you are assigned to.",
  "day_sheet.empty": "No sessions on this day.",
  "day_sheet.navigation": "Days",
  "day_sheet.date": "Date",
  "day_sheet.back": "Calendar",
  "day_sheet.print": "Print",
  "day_sheet.print_hint": "To print, use your browser's Print command (Ctrl+P, or ⌘P on a Mac).",
  "day_sheet.time": "Time",
  "day_sheet.session": "Session",
  "day_sheet.sign": "Check-in / signature",
  "day_sheet.internal": "Internal",
  "day_sheet.gear_line": "{name} × {quantity}",
} as const;
