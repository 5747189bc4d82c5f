// Staff side of the portal: the queue of booking requests and portal invitations (English source;
// portal_requests_fr.ts mirrors these ids).
export const portalRequestsEn = {
  "portal_requests.title": "Portal requests",
  "portal_requests.intro":
    "Bookings made in the client portal that wait for your decision, oldest first. Times are in the studio's time zone ({zone}).",
  "portal_requests.back": "Back to sessions",
  "portal_requests.empty": "No booking requests wait for you.",
  "portal_requests.requested": "Requested {date}",
  "portal_requests.client": "Client",
  "portal_requests.when": "When",
  "portal_requests.room": "Room",
  "portal_requests.price": "Price",
  "portal_requests.deposit": "Deposit",
  "portal_requests.no_deposit": "No deposit asked",
  "portal_requests.paid": "{amount} paid online",
  "portal_requests.unpaid": "Not paid",
  "portal_requests.open_session": "Open the session",
  "portal_requests.approve": "Approve",
  "portal_requests.decline": "Decline",
  "portal_requests.reason": "Why you decline (the client reads it)",
  "portal_requests.decline_hint":
    "Declining cancels the booking and refunds in full what the client paid online.",
  "portal_requests.problem": "This request could not be decided",
  "portal_requests.approved": "The booking is confirmed and the client is told.",
  "portal_requests.declined": "The request is declined and the client is told why.",
  "portal_requests.mail.declined": "The studio cannot accept this booking: {reason}",
  "portal_requests.mail.refunded": "The {amount} you paid is refunded to your card.",
  "portal_requests.mail.to_refund": "The studio will pay back the {amount} you paid.",

  "portal_requests.invite.button": "Invite to the portal",
  "portal_requests.invite.title": "Invite {name} to the client portal",
  "portal_requests.invite.body":
    "{email} receives a sign-in link to the studio's client portal, where the client sees their sessions, invoices and quotes and books online. The link works once, within 3 days; signing in with it links the portal account to this client.",
  "portal_requests.invite.submit": "Send the invitation",
  "portal_requests.invite.back": "Back to the client",
  "portal_requests.invite.problem": "The invitation was not sent",
  "portal_requests.invite.sent": "The portal invitation is on its way.",
  "portal_requests.invite.mail.subject": "{studio} invites you to its client portal",
  "portal_requests.invite.mail.intro":
    "{studio} invites you to its client portal: see your sessions, invoices and quotes, and book online. The link below works once, within 3 days.",
  "portal_requests.invite.mail.action": "Open the portal",
  "portal_requests.invite.mail.outro":
    "If you were not expecting this, ignore this e-mail: nothing happens without the link.",
} as const;
