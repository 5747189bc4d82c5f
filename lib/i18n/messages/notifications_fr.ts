import type { notificationsEn } from "./notifications_en.ts";

// French typography: a no-break space (\u00a0) before ":", typographic apostrophes and guillemets.
export const notificationsFr: Record<keyof typeof notificationsEn, string> = {
  "notify.booking.received.subject": "{studio} a bien reçu votre demande de réservation\u00a0: {title}",
  "notify.booking.received.intro":
    "{studio} a bien reçu votre demande pour la séance «\u00a0{title}\u00a0». Elle n’est pas encore confirmée\u00a0: vous recevrez un autre e-mail dès qu’elle le sera.",
  "notify.booking.received.hold": "Le créneau vous est réservé jusqu’au {time}.",
  "notify.booking.confirmed.subject": "Séance confirmée\u00a0: {title} chez {studio}",
  "notify.booking.confirmed.intro": "Votre séance «\u00a0{title}\u00a0» chez {studio} est confirmée.",
  "notify.booking.changed.subject": "Votre séance a changé\u00a0: {title} chez {studio}",
  "notify.booking.changed.intro": "{studio} a modifié votre séance «\u00a0{title}\u00a0».",
  "notify.booking.changed.before": "Avant\u00a0:",
  "notify.booking.changed.after": "Désormais\u00a0:",
  "notify.booking.cancelled.subject": "Séance annulée\u00a0: {title} chez {studio}",
  "notify.booking.cancelled.intro": "Votre séance «\u00a0{title}\u00a0» chez {studio} est annulée.",
  "notify.booking.reminder.subject": "Rappel\u00a0: {title} chez {studio}",
  "notify.booking.reminder.intro":
    "Petit rappel de votre prochaine séance «\u00a0{title}\u00a0» chez {studio}.",
  "notify.booking.when": "Quand\u00a0:",
  "notify.booking.room": "Salle\u00a0: {room}",
  "notify.booking.action": "Voir votre réservation",
  "notify.booking.outro": "Pour modifier ou annuler la séance, contactez {studio}.",

  "notify.payment.subject": "Reçu de {studio}\u00a0: paiement de {amount}",
  "notify.payment.intro": "{studio} a bien reçu votre paiement de {amount} le {date}. Merci.",
  "notify.payment.document": "Il a été affecté à la {document}.",
  "notify.payment.balance": "Reste à payer sur la {document}\u00a0: {balance}.",
  "notify.payment.paid": "La {document} est désormais entièrement payée.",
  "notify.payment.credit": "Il est conservé en avoir sur votre compte chez {studio}.",
  "notify.payment.overpaid": "Les {amount} versés en trop sont conservés en avoir sur votre compte.",

  "notify.invoice.subject": "Facture {number} de {studio}",
  "notify.deposit_invoice.subject": "Facture d’acompte {number} de {studio}",
  "notify.invoice.intro": "{studio} vous a envoyé la facture {number} d’un montant de {total}.",
  "notify.deposit_invoice.intro":
    "{studio} vous a envoyé la facture d’acompte {number} d’un montant de {total}.",
  "notify.invoice.due": "À régler avant le {date}.",
  "notify.invoice.action": "Voir la facture",

  "notify.kind.invoice": "facture {number}",
  "notify.kind.deposit_invoice": "facture d’acompte {number}",

  "notify.staff.email_client": "Prévenir le client par e-mail",
  "notify.staff.no_email": "Le client n’a pas d’adresse e-mail",
  "notify.staff.send_invoice": "L’envoyer au client par e-mail",

  "notify.log.title": "E-mails au client",
  "notify.log.empty": "Aucun e-mail sur cette séance pour l’instant.",
  "notify.log.sent": "Envoyé à {to}",
  "notify.log.failed": "Refusé par le relais de messagerie ({error}) ; {to}",
  "notify.log.kind.received": "Réservation reçue",
  "notify.log.kind.confirmed": "Confirmation",
  "notify.log.kind.changed": "Modification",
  "notify.log.kind.cancelled": "Annulation",
  "notify.log.kind.reminder": "Rappel",
};
