import type { portalEn } from "./portal_en.ts";

// Portail client du studio (traduction de portal_en.ts).
export const portalFr: Record<keyof typeof portalEn, string> = {
  "mail.portal.subject": "Votre lien de connexion à {studio}",
  "mail.portal.intro":
    "Ouvrez ce lien pour voir vos sessions, factures et devis chez {studio}. Il ne sert qu'une fois, pendant 15 minutes.",
  "mail.portal.action": "Se connecter",
  "mail.portal.ignore":
    "Si vous n'avez pas demandé à vous connecter, ignorez cet e-mail : rien ne se passe sans le lien.",

  "portal.nav.label": "Portail",
  "portal.nav.book": "Réserver",
  "portal.nav.sign_in": "Se connecter",
  "portal.nav.sign_out": "Se déconnecter",
  "portal.footer": "{studio} · réservations et factures en ligne",

  "portal.sign_in.title": "Se connecter",
  "portal.sign_in.intro":
    "Saisissez l'adresse e-mail que le studio connaît. Nous vous envoyons un lien de connexion.",
  "portal.sign_in.submit": "M'envoyer un lien de connexion",
  "portal.sign_in.problem": "Vérifiez votre adresse e-mail",
  "portal.sign_in.bad_email": "Saisissez une adresse e-mail comme nom@exemple.fr.",
  "portal.sign_in.sent_title": "Consultez votre boîte de réception",
  "portal.sign_in.sent":
    "Si le studio connaît {email}, un lien de connexion est en route. Il ne sert qu'une fois, pendant 15 minutes.",
  "portal.auth.title": "Connexion au portail",
  "portal.auth.continue": "Continuer",
  "portal.auth.refused": "Ce lien a déjà servi ou a expiré.",
  "portal.auth.again": "Demandez-en un nouveau.",

  "portal.home.welcome": "Bienvenue chez {studio}",
  "portal.home.book": "Réserver une session",
  "portal.home.title": "Vos sessions et factures",
  "portal.home.upcoming": "Sessions à venir",
  "portal.home.no_upcoming": "Aucune session à venir.",
  "portal.home.past": "Sessions passées",
  "portal.home.no_past": "Aucune session passée.",
  "portal.home.invoices": "Factures",
  "portal.home.no_invoices": "Aucune facture.",
  "portal.home.quotes": "Devis",

  "portal.book.title": "Réserver une session",
  "portal.book.none": "La réservation en ligne est fermée pour le moment. Contactez le studio pour réserver.",
  "portal.book.from_price": "à partir de {price}",
  "portal.book.all_offers": "Toutes les sessions",
  "portal.book.length": "Durée",
  "portal.book.previous": "Mois précédent",
  "portal.book.next": "Mois suivant",
  "portal.book.times_on": "Horaires libres le {date}",
  "portal.book.no_times": "Aucun horaire libre ce mois-ci : essayez le suivant.",
  "portal.book.zone": "Horaires du studio ({zone}).",
  "portal.book.visitor_zone": "Sous chaque horaire : le vôtre ({zone}).",
  "portal.duration.minutes": "{minutes} min",
  "portal.duration.hours": "{hours} h",
  "portal.duration.hours_minutes": "{hours} h {minutes}",

  "portal.confirm.title": "Confirmez votre réservation",
  "portal.confirm.change_time": "Choisir un autre horaire",
  "portal.confirm.what": "Session",
  "portal.confirm.when": "Quand",
  "portal.confirm.price": "Prix",
  "portal.confirm.deposit": "Acompte",
  "portal.confirm.deposit_now": "{amount}, payé maintenant pour bloquer l'horaire",
  "portal.confirm.terms": "Conditions de réservation",
  "portal.confirm.request_note":
    "Le studio confirme votre demande par e-mail ; l'horaire vous est réservé en attendant.",
  "portal.confirm.problem": "Vérifiez les informations de réservation",
  "portal.confirm.name": "Votre nom",
  "portal.confirm.phone": "Téléphone (facultatif)",
  "portal.confirm.signed_in_as": "Réservation au nom de {email}.",
  "portal.confirm.accept": "J'ai lu les conditions de réservation et je les accepte.",
  "portal.confirm.submit": "Envoyer la demande de réservation",
  "portal.confirm.pay": "Réserver et payer l'acompte de {amount}",
  "portal.confirm.taken_title": "Cet horaire n'est plus libre",
  "portal.confirm.taken": "Quelqu'un vient de le réserver. Rien n'a été débité.",
  "portal.confirm.pick_another": "Choisir un autre horaire",

  "portal.done.awaiting_payment": "Votre horaire est bloqué : payez l'acompte pour le confirmer",
  "portal.done.awaiting_approval": "Demande reçue : le studio va la confirmer",
  "portal.done.confirmed": "Votre session est réservée",
  "portal.done.cancelled": "Cette réservation est annulée",
  "portal.done.expired": "Ce blocage a expiré",
  "portal.done.done": "Cette session est terminée",
  "portal.done.paid_pending":
    "Merci — nous attendons la confirmation du paiement. Cette page l'affiche d'ici une minute.",
  "portal.done.pay": "Payer l'acompte",
  "portal.done.sign_in_hint":
    "Connectez-vous avec votre adresse e-mail pour voir toutes vos réservations et factures.",
  "portal.state.awaiting_payment": "Acompte dû",
  "portal.state.awaiting_approval": "En attente de confirmation",
  "portal.state.confirmed": "Confirmée",
  "portal.state.cancelled": "Annulée",
  "portal.state.expired": "Expirée",
  "portal.state.done": "Terminée",
  "portal.summary.price": "Prix {price}",
  "portal.summary.deposit": "acompte {amount}",

  "portal.invoice.back": "Retour à vos sessions et factures",
  "portal.invoice.balance": "Reste à payer : {amount}",
  "portal.invoice.settled": "Rien à payer.",
  "portal.invoice.pay": "Payer {amount} par carte",
  "portal.invoice.pay_offline":
    "Payez par le moyen indiqué sur la facture ; le studio enregistre votre paiement.",
  "portal.invoice.pdf": "Télécharger le PDF",
  "portal.invoice.thanks": "Merci ! Votre paiement s'affiche ici dès que la banque le confirme.",

  "portal.cancel.title": "Annuler cette session",
  "portal.cancel.outcome.full_refund":
    "Annuler maintenant, au moins {hours} h avant le début, est gratuit : les {refund} payés sont remboursés en totalité.",
  "portal.cancel.outcome.deposit_kept":
    "En annulant maintenant, après le délai d'annulation gratuite, le studio garde l'acompte de {kept} ; {refund} est remboursé.",
  "portal.cancel.outcome.full_charge":
    "En annulant si près du début, le prix entier est dû : les {kept} payés sont gardés et {due} reste dû.",
  "portal.cancel.confirm": "Annuler la session",
  "portal.cancel.done":
    "Votre session est annulée. Remboursé : {refund}. Gardé par le studio : {kept}. Reste dû : {due}.",
  "policy.when.over": "Plus de {hours} h avant le début",
  "policy.when.between": "Entre {from} h et {to} h avant",
  "policy.when.under": "Moins de {hours} h avant",
  "policy.when.any": "Quel que soit le moment de l'annulation",
  "policy.outcome.full_refund": "annulation gratuite, tout ce qui a été payé est remboursé",
  "policy.outcome.deposit_kept": "le studio garde l'acompte, le reste est remboursé",
  "policy.outcome.full_charge": "le prix entier ({price}) est dû",
  "policy.reschedule":
    "Déplacez votre session au moins {hours} h à l'avance et votre acompte la suit ({count, plural, one {une fois} other {jusqu'à # fois}}).",
};
