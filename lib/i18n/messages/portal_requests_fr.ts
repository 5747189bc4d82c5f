// Côté studio du portail : demandes de réservation et invitations (mirrors portal_requests_en.ts).
import type { portalRequestsEn } from "./portal_requests_en.ts";

export const portalRequestsFr: Record<keyof typeof portalRequestsEn, string> = {
  "portal_requests.title": "Demandes du portail",
  "portal_requests.intro":
    "Réservations faites sur le portail client qui attendent votre décision, les plus anciennes d’abord. Heures du fuseau du studio ({zone}).",
  "portal_requests.back": "Retour aux séances",
  "portal_requests.empty": "Aucune demande de réservation ne vous attend.",
  "portal_requests.requested": "Demandée le {date}",
  "portal_requests.client": "Client",
  "portal_requests.when": "Quand",
  "portal_requests.room": "Salle",
  "portal_requests.price": "Prix",
  "portal_requests.deposit": "Acompte",
  "portal_requests.no_deposit": "Pas d’acompte demandé",
  "portal_requests.paid": "{amount} payé en ligne",
  "portal_requests.unpaid": "Non payé",
  "portal_requests.open_session": "Ouvrir la séance",
  "portal_requests.approve": "Accepter",
  "portal_requests.decline": "Refuser",
  "portal_requests.reason": "Motif du refus (le client le lira)",
  "portal_requests.decline_hint":
    "Refuser annule la réservation et rembourse intégralement ce que le client a payé en ligne.",
  "portal_requests.problem": "Cette demande n’a pas pu être traitée",
  "portal_requests.approved": "La réservation est confirmée et le client en est informé.",
  "portal_requests.declined": "La demande est refusée et le client en connaît le motif.",
  "portal_requests.mail.declined": "Le studio ne peut pas accepter cette réservation\u00a0: {reason}",
  "portal_requests.mail.refunded": "Les {amount} que vous avez payés vous sont remboursés sur votre carte.",
  "portal_requests.mail.to_refund": "Le studio vous remboursera les {amount} que vous avez payés.",

  "portal_requests.invite.button": "Inviter sur le portail",
  "portal_requests.invite.title": "Inviter {name} sur le portail client",
  "portal_requests.invite.body":
    "{email} reçoit un lien de connexion au portail client du studio, où le client voit ses séances, factures et devis et réserve en ligne. Le lien fonctionne une fois, pendant 3 jours\u00a0; s’y connecter relie le compte du portail à ce client.",
  "portal_requests.invite.submit": "Envoyer l’invitation",
  "portal_requests.invite.back": "Retour au client",
  "portal_requests.invite.problem": "L’invitation n’a pas été envoyée",
  "portal_requests.invite.sent": "L’invitation au portail est envoyée.",
  "portal_requests.invite.mail.subject": "{studio} vous invite sur son portail client",
  "portal_requests.invite.mail.intro":
    "{studio} vous invite sur son portail client\u00a0: retrouvez vos séances, factures et devis, et réservez en ligne. Le lien ci-dessous fonctionne une fois, pendant 3 jours.",
  "portal_requests.invite.mail.action": "Ouvrir le portail",
  "portal_requests.invite.mail.outro":
    "Si vous ne vous y attendiez pas, ignorez cet e-mail\u00a0: rien ne se passe sans le lien.",
};
