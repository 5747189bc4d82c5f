// E-mails to a studio's clients about their sessions, payments and invoices (lib/notifications/), and
// the staff checkboxes that send them (English source; notifications_fr.ts mirrors these ids).
export const notificationsEn = {
  "notify.booking.received.subject": "{studio} received your booking request: {title}",
  "notify.booking.received.intro":
    "{studio} received your request for the session “{title}”. It is not confirmed yet: you will get another e-mail once it is.",
  "notify.booking.received.hold": "The time is held for you until {time}.",
  "notify.booking.confirmed.subject": "Session confirmed: {title} at {studio}",
  "notify.booking.confirmed.intro": "Your session “{title}” at {studio} is confirmed.",
  "notify.booking.changed.subject": "Your session has changed: {title} at {studio}",
  "notify.booking.changed.intro": "{studio} changed your session “{title}”.",
  "notify.booking.changed.before": "Before:",
  "notify.booking.changed.after": "Now:",
  "notify.booking.cancelled.subject": "Session cancelled: {title} at {studio}",
  "notify.booking.cancelled.intro": "Your session “{title}” at {studio} is cancelled.",
  "notify.booking.reminder.subject": "Reminder: {title} at {studio}",
  "notify.booking.reminder.intro": "A reminder of your coming session “{title}” at {studio}.",
  "notify.booking.when": "When:",
  "notify.booking.room": "Room: {room}",
  "notify.booking.action": "See your booking",
  "notify.booking.outro": "To change or cancel the session, contact {studio}.",

  "notify.payment.subject": "Receipt: {amount} received by {studio}",
  "notify.payment.intro": "{studio} received your payment of {amount} on {date}. Thank you.",
  "notify.payment.document": "It was applied to {document}.",
  "notify.payment.balance": "Left to pay on {document}: {balance}.",
  "notify.payment.paid": "{document} is now paid in full.",
  "notify.payment.credit": "It is kept as credit on your account with {studio}.",
  "notify.payment.overpaid": "{amount} above what was due is kept as credit on your account.",

  "notify.invoice.subject": "Invoice {number} from {studio}",
  "notify.deposit_invoice.subject": "Deposit invoice {number} from {studio}",
  "notify.invoice.intro": "{studio} sent you invoice {number} for {total}.",
  "notify.deposit_invoice.intro": "{studio} sent you deposit invoice {number} for {total}.",
  "notify.invoice.due": "Payment is due by {date}.",
  "notify.invoice.action": "View the invoice",

  "notify.kind.invoice": "invoice {number}",
  "notify.kind.deposit_invoice": "deposit invoice {number}",

  "notify.staff.email_client": "E-mail the client",
  "notify.staff.no_email": "The client has no e-mail address",
  "notify.staff.send_invoice": "Send it to the client by e-mail",

  "notify.log.title": "E-mails to the client",
  "notify.log.empty": "No e-mail about this session yet.",
  "notify.log.sent": "Sent to {to}",
  "notify.log.failed": "Refused by the mail relay ({error}); {to}",
  "notify.log.kind.received": "Booking received",
  "notify.log.kind.confirmed": "Confirmation",
  "notify.log.kind.changed": "Change",
  "notify.log.kind.cancelled": "Cancellation",
  "notify.log.kind.reminder": "Reminder",
} as const;
