import type { refundsEn } from "./refunds_en.ts";

// French typography: a no-break space (\u00a0) goes before ":" and "%"; apostrophes are typographic (’).
export const refundsFr: Record<keyof typeof refundsEn, string> = {
  "refunds.action": "Rembourser",
  "refunds.action_label": "Rembourser le paiement de {amount} reçu le {date}",
  "refunds.title": "Rembourser un paiement",
  "refunds.payment": "Paiement de {amount} reçu le {date} ({method}).",
  "refunds.reference": "Référence\u00a0: {reference}.",
  "refunds.invoice": "Facture {number}\u00a0: {status}, reste à payer {balance}.",
  "refunds.no_invoice": "Ce paiement a été pris comme crédit du client, sans facture.",
  "refunds.refundable": "Jusqu’à {amount} peuvent être remboursés.",
  "refunds.intro":
    "Enregistrez l’argent rendu au client. Le remboursement reprend d’abord le crédit laissé par ce paiement, puis rouvre la facture.",
  "refunds.online":
    "Ce paiement a été fait en ligne\u00a0: le remboursement passe par Stripe, sur la carte utilisée par le client.",
  "refunds.online_dashboard":
    "Ce paiement a été fait en ligne et ce studio n’est pas relié à Stripe ici\u00a0: remboursez-le depuis votre tableau de bord Stripe. Quand le webhook de Stripe parvient à l’application, le remboursement apparaît sur la facture.",
  "refunds.blocked.voided": "Ce paiement a été annulé\u00a0: il n’y a rien à rembourser.",
  "refunds.blocked.is_refund":
    "Il s’agit déjà d’un remboursement. Pour le défaire, annulez-le depuis la facture.",
  "refunds.blocked.credit":
    "Un crédit imputé sur une facture ne se rembourse pas\u00a0: annulez-le plutôt depuis la facture.",
  "refunds.blocked.nothing_left": "Il ne reste rien à rembourser sur ce paiement.",
  "refunds.field.amount": "Montant à rembourser ({currency})",
  "refunds.field.amount_hint": "Au plus {amount}.",
  "refunds.field.method": "Remboursé par",
  "refunds.field.paid_on": "Date du remboursement",
  "refunds.field.reason": "Motif",
  "refunds.field.reason_hint":
    "Conservé avec le remboursement, par ex. «\u00a0Séance annulée par le studio\u00a0».",
  "refunds.submit": "Enregistrer le remboursement",
  "refunds.submit_online": "Rembourser via Stripe",
  "refunds.problem": "Le remboursement n’a pas été enregistré\u00a0:",
  "refunds.saved": "Remboursement enregistré.",
  "refunds.saved_credit":
    "Remboursement enregistré. Le crédit du client en {currency} est maintenant de {amount}.",
  "refunds.back_invoice": "Retour à la facture",
  "refunds.back_payments": "Tous les paiements",
  "refunds.error.amount_missing": "Indiquez le montant à rembourser.",
  "refunds.error.amount_format": "Indiquez un montant comme {example}.",
  "refunds.error.amount_zero": "Indiquez un montant supérieur à zéro.",
  "refunds.error.too_much": "Au plus {amount} de ce paiement peuvent être remboursés.",
  "refunds.error.nothing_left": "Il ne reste rien à rembourser sur ce paiement.",
  "refunds.error.method": "Choisissez comment l’argent a été rendu.",
  "refunds.error.date": "Indiquez la date à laquelle l’argent a été rendu.",
  "refunds.error.reason_missing": "Indiquez pourquoi l’argent est rendu.",
  "refunds.error.stripe":
    "Stripe n’a pas pu faire le remboursement pour l’instant\u00a0: rien n’a été enregistré. Réessayez dans un moment, ou remboursez depuis votre tableau de bord Stripe.",
  "refunds.error.reason_long": "2\u00a0000 caractères au plus.",
} as const;
