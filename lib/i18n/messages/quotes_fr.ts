import type { quotesEn } from "./quotes_en.ts";

// French typography: a no-break space (\u00a0) goes before ":" and "%"; apostrophes are typographic (’).
export const quotesFr: Record<keyof typeof quotesEn, string> = {
  "quote_mail.subject": "Devis {number} de {studio}",
  "quote_mail.intro":
    "{studio} vous a envoyé le devis {number} d’un montant de {total}. L’offre est valable jusqu’au {date}.",
  "quote_mail.intro_revision":
    "{studio} vous a envoyé le devis {number} (révision {revision}) d’un montant de {total}. L’offre est valable jusqu’au {date}. Il remplace la version précédente.",
  "quote_mail.action": "Lire le devis",
  "quote_mail.outro": "Sur cette page, vous pouvez accepter le devis en tapant votre nom, ou le refuser.",

  "quote_link.page_title": "Devis {number} — {studio}",
  "quote_link.title": "Devis {number}",
  "quote_link.from": "De {studio}",
  "quote_link.revision": "Révision {revision}",
  "quote_link.for": "Pour",
  "quote_link.issued": "Émis le {date}",
  "quote_link.valid_until": "Valable jusqu’au {date}",
  "quote_link.lines": "Objet du devis",
  "quote_link.quantity": "{quantity} × {price}",
  "quote_link.discount": "Remise",
  "quote_link.subtotal": "Sous-total",
  "quote_link.net": "Total HT",
  "quote_link.tax": "{name} {rate}\u00a0% sur {base}",
  "quote_link.total": "Total",
  "quote_link.notes": "Notes",
  "quote_link.terms": "Conditions",
  "quote_link.accept.title": "Accepter le devis",
  "quote_link.accept.name": "Tapez vos nom et prénom pour accepter",
  "quote_link.accept.name_hint":
    "Votre nom tapé vaut signature. Nous le conservons avec l’heure, votre adresse IP et une empreinte de ce devis exact.",
  "quote_link.accept.read_terms": "J’ai lu le devis et ses conditions",
  "quote_link.accept.submit": "Accepter le devis",
  "quote_link.decline.title": "Ce devis ne vous convient pas\u00a0?",
  "quote_link.decline.reason": "Motif (facultatif)",
  "quote_link.decline.submit": "Refuser le devis",
  "quote_link.problem": "Le devis n’est pas encore accepté",
  "quote_link.error.name": "Tapez vos nom et prénom pour accepter.",
  "quote_link.error.read_terms": "Cochez la case pour indiquer que vous avez lu le devis et ses conditions.",
  "quote_link.accepted": "Accepté par {name} le {date}.",
  "quote_link.accepted_now": "Merci\u00a0: le devis est accepté et {studio} en est informé.",
  "quote_link.declined": "Ce devis a été refusé.",
  "quote_link.declined_now": "Merci de votre réponse\u00a0: {studio} en est informé.",
  "quote_link.expired.title": "Ce devis a expiré",
  "quote_link.expired.body": "Il était valable jusqu’au {date}. Demandez-en un nouveau à {studio}.",
  "quote_link.superseded.title": "Une version plus récente de ce devis existe",
  "quote_link.superseded.body":
    "{studio} vous a envoyé une nouvelle révision\u00a0: ouvrez le lien du dernier e-mail.",
  "quote_link.unknown.title": "Ce lien ne fonctionne pas",
  "quote_link.unknown.body":
    "Vérifiez que le lien a été copié en entier depuis l’e-mail, ou demandez au studio de renvoyer le devis.",

  "quote_conversion.deposit_title": "Acompte sur le devis {number}",
  "quote_conversion.deposit_line": "Acompte — {percent}\u00a0% du devis {number}",
};
