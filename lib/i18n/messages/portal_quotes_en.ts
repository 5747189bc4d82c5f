// Quotes in the client portal (English source; portal_quotes_fr.ts mirrors these ids). The quote
// itself and its forms use the quote link's messages (quote_link.* in quotes_en.ts).
export const portalQuotesEn = {
  "portal_quotes.nav": "Quotes",
  "portal_quotes.title": "Your quotes",
  "portal_quotes.intro": "Quotes from {studio}. Open one to read it, then accept or decline it.",
  "portal_quotes.empty": "No quotes yet.",
  "portal_quotes.all": "All your quotes",
  "portal_quotes.home_hint": "Open a quote to read it and accept or decline it here.",
  "portal_quotes.back": "Your quotes",
  "portal_quotes.valid_until": "Valid until {date}",
  "portal_quotes.revision": "revision {revision}",
  "portal_quotes.pdf": "Download the PDF",
  "portal_quotes.state.open": "Awaiting your answer",
  "portal_quotes.state.accepted": "Accepted",
  "portal_quotes.state.converted": "Accepted",
  "portal_quotes.state.declined": "Declined",
  "portal_quotes.state.expired": "Expired",
  "portal_quotes.state.superseded": "Replaced",
  "portal_quotes.closed.title": "This quote can no longer be answered",
  "portal_quotes.closed.accepted": "It has already been accepted.",
  "portal_quotes.closed.declined": "It was declined. If you changed your mind, ask {studio} for a new quote.",
  "portal_quotes.closed.expired": "It stood until {date}. Ask {studio} for a new one.",
  "portal_quotes.closed.superseded":
    "{studio} sent you a newer revision: only the newest one can be accepted.",
  "portal_quotes.closed.open_latest": "Open revision {revision}",
};
