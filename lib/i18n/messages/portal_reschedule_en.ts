// The client moving a portal booking to another time (issue 7): lib/portal/reschedule.ts and
// routes/portal/(account)/sessions/[id]/reschedule.tsx.
export const portalRescheduleEn = {
  "portal_reschedule.link": "Reschedule",
  "portal_reschedule.title": "Move your session",
  "portal_reschedule.back": "Back to the session",
  "portal_reschedule.now_booked": "Booked now: {when}.",
  "portal_reschedule.keeps_deposit":
    "Your {amount} deposit moves with the session to its new time; the price and the terms stay the same.",
  "portal_reschedule.keeps_terms": "The session keeps its price and terms at its new time.",
  "portal_reschedule.moves_left":
    "{count, plural, =0 {After this move the session cannot be moved online again.} one {After this move you can move it once more.} other {After this move you can move it # more times.}}",
  "portal_reschedule.too_late":
    "Your deposit does not move to another time this close to the session: the terms you booked under move it only with at least {hours} h notice.",
  "portal_reschedule.no_moves_left":
    "Your deposit does not move to another time any more: the session has already been moved {count, plural, one {once} other {# times}}, as many times as the terms you booked under allow.",
  "portal_reschedule.instead":
    "Changing the date now means cancelling this session, then booking a new time. If you cancel now:",
  "portal_reschedule.cancel_link": "Cancel on the session's page",
  "portal_reschedule.book_link": "Book a new time",
  "portal_reschedule.unavailable":
    "This session can no longer be moved online: contact the studio to change it.",
  "portal_reschedule.pick": "Choose the new time",
  "portal_reschedule.confirm_title": "Confirm the new time",
  "portal_reschedule.from": "Now",
  "portal_reschedule.to": "New time",
  "portal_reschedule.confirm": "Move the session",
  "portal_reschedule.change_time": "Choose another time",
  "portal_reschedule.taken_title": "This time was just taken",
  "portal_reschedule.taken": "Someone booked it a moment ago. Your session has not moved.",
  "portal_reschedule.done": "Your session is moved. We have sent you an e-mail with the new time.",
  // The e-mail confirming a move the client made themselves (staff moves use notify.booking.changed.*).
  "portal_reschedule.mail.subject": "You moved your session: {title} at {studio}",
  "portal_reschedule.mail.intro": "You moved your session “{title}” at {studio}. Here is its new time.",
} as const;
