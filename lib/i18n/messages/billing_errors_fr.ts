import type { billingErrorsEn } from "./billing_errors_en.ts";

// French typography: a no-break space (\u00a0) goes before ":"; apostrophes are typographic (’).
export const billingErrorsFr: Record<keyof typeof billingErrorsEn, string> = {
  "billing.error.client_required": "Choisissez un client.",
  "billing.error.currency_required": "Choisissez une devise.",
  "billing.error.too_long": "{max} caractères au plus.",
  "billing.error.quantity_number": "Indiquez la quantité sous forme de nombre, par exemple 2 ou 2,5.",
  "billing.error.discount_number": "Indiquez la remise sous forme de nombre, par exemple 2 ou 2,5.",
  "billing.error.amount_required": "Indiquez un montant.",
  "billing.error.amount_whole": "Indiquez un montant entier.",
  "billing.error.amount_negative": "Indiquez un montant positif ou nul.",
  "billing.error.amount_too_large": "Le montant est trop élevé.",
  "billing.error.date_format": "Indiquez une date au format AAAA-MM-JJ.",
  "billing.error.description_required": "Décrivez la ligne.",
  "billing.error.unit": "Choisissez heure, demi-journée, journée ou unité.",
  "billing.error.too_many_taxes": "{max} taxes au plus par ligne.",
  "billing.error.discount_both": "Indiquez une remise en pourcentage ou en montant, pas les deux.",
  "billing.error.too_many_lines": "{max} lignes au plus.",
  "billing.error.price_required": "Indiquez un prix.",
  "billing.error.stale_form": "Rechargez la page et enregistrez à nouveau.",
  "billing.error.enter_amount": "Saisissez un montant.",
  "billing.error.amount_positive": "Saisissez un montant supérieur à zéro.",
  "billing.error.payment_too_large": "Ce montant est trop élevé.",
  "billing.error.received_on_required": "Indiquez la date de réception du paiement.",
  "billing.error.real_date": "Indiquez une date qui existe.",
  "billing.error.payment_method": "Choisissez espèces, virement, carte, chèque ou autre.",
  "billing.error.invoice_required": "Choisissez une facture.",
  "billing.error.issue_first": "Émettez la facture avant d’y enregistrer un paiement.",
  "billing.error.amount_example": "Saisissez un montant, par exemple {example}.",
  "billing.error.amount_not_negative": "Saisissez un montant positif ou nul.",
  "billing.error.amount_decimals":
    "Les montants en {currency} ont au plus {decimals, plural, one {# décimale} other {# décimales}}.",
  "billing.error.amount_no_decimals": "Les montants en {currency} sont des nombres entiers, sans décimales.",
  "billing.error.not_iso_currency":
    "«\u00a0{currency}\u00a0» n’est pas un code de devise ISO 4217, comme EUR.",
  "billing.error.unknown_currency": "{currency} n’est pas une devise.",
  "billing.error.no_exchange_rate":
    "Aucun taux de change de {currency} vers {base}\u00a0: définissez-en un dans les réglages de facturation.",
  "billing.error.tax_rate_unknown": "Choisissez un taux de taxe existant.",
  "billing.error.quantity_rule": "La quantité est un nombre positif ou nul avec au plus {max} décimales.",
  "billing.error.percent_rule": "La remise est un pourcentage de 0 à 100 avec au plus {max} décimales.",
  "billing.error.discount_too_large": "La remise ne peut pas dépasser le montant dont elle est déduite.",
  "billing.error.other_client":
    "{deposit, plural, =1 {La facture d’acompte} other {La facture}} {number} est établie au nom d’un autre client.",
  "billing.error.payment_currency":
    "{deposit, plural, =1 {La facture d’acompte} other {La facture}} {number} est en {currency}\u00a0: enregistrez le paiement en {currency}.",
  "billing.error.nothing_due":
    "Il ne reste rien à payer sur {deposit, plural, =1 {la facture d’acompte} other {la facture}} {number}.",
  "billing.error.no_credit": "Le client n’a pas d’avoir en {currency}.",
  "billing.error.credit_too_large":
    "Au plus {most} peuvent être imputés (avoir {available}, reste dû {due}).",
  "billing.error.nothing_to_refund": "Il ne reste rien à rembourser sur ce paiement.",
  "billing.error.refund_too_large": "Au plus {most} de ce paiement peuvent être remboursés.",
  "billing.error.amount_negative_total": "Le montant ne peut pas être négatif.",
};
