import type { portalQuotesEn } from "./portal_quotes_en.ts";

// Devis dans le portail client (traduction de portal_quotes_en.ts).
export const portalQuotesFr: Record<keyof typeof portalQuotesEn, string> = {
  "portal_quotes.nav": "Devis",
  "portal_quotes.title": "Vos devis",
  "portal_quotes.intro": "Les devis de {studio}. Ouvrez-en un pour le lire, puis l’accepter ou le refuser.",
  "portal_quotes.empty": "Aucun devis pour le moment.",
  "portal_quotes.all": "Tous vos devis",
  "portal_quotes.home_hint": "Ouvrez un devis pour le lire et l’accepter ou le refuser ici.",
  "portal_quotes.back": "Vos devis",
  "portal_quotes.valid_until": "Valable jusqu’au {date}",
  "portal_quotes.revision": "révision {revision}",
  "portal_quotes.pdf": "Télécharger le PDF",
  "portal_quotes.state.open": "En attente de votre réponse",
  "portal_quotes.state.accepted": "Accepté",
  "portal_quotes.state.converted": "Accepté",
  "portal_quotes.state.declined": "Refusé",
  "portal_quotes.state.expired": "Expiré",
  "portal_quotes.state.superseded": "Remplacé",
  "portal_quotes.closed.title": "Ce devis ne peut plus recevoir de réponse",
  "portal_quotes.closed.accepted": "Il a déjà été accepté.",
  "portal_quotes.closed.declined":
    "Il a été refusé. Si vous avez changé d’avis, demandez un nouveau devis à {studio}.",
  "portal_quotes.closed.expired": "Il était valable jusqu’au {date}. Demandez-en un nouveau à {studio}.",
  "portal_quotes.closed.superseded":
    "{studio} vous a envoyé une révision plus récente : seule la plus récente peut être acceptée.",
  "portal_quotes.closed.open_latest": "Ouvrir la révision {revision}",
};
