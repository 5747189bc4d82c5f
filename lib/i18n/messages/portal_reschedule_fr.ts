import type { portalRescheduleEn } from "./portal_reschedule_en.ts";

// French typography: a no-break space (\u00a0) goes before ":"; apostrophes are typographic (’).
export const portalRescheduleFr: Record<keyof typeof portalRescheduleEn, string> = {
  "portal_reschedule.link": "Changer la date",
  "portal_reschedule.title": "Déplacer votre séance",
  "portal_reschedule.back": "Retour à la séance",
  "portal_reschedule.now_booked": "Réservée actuellement\u00a0: {when}.",
  "portal_reschedule.keeps_deposit":
    "Votre acompte de {amount} suit la séance à sa nouvelle date\u00a0; le prix et les conditions restent les mêmes.",
  "portal_reschedule.keeps_terms": "La séance garde son prix et ses conditions à sa nouvelle date.",
  "portal_reschedule.moves_left":
    "{count, plural, =0 {Après ce changement, la séance ne pourra plus être déplacée en ligne.} one {Après ce changement, vous pourrez encore la déplacer une fois.} other {Après ce changement, vous pourrez encore la déplacer # fois.}}",
  "portal_reschedule.too_late":
    "Votre acompte ne suit plus la séance si près de la date\u00a0: les conditions de votre réservation ne le reportent qu’avec au moins {hours}\u00a0h de préavis.",
  "portal_reschedule.no_moves_left":
    "Votre acompte ne peut plus être reporté\u00a0: la séance a déjà été déplacée {count, plural, one {une fois} other {# fois}}, autant que le permettent les conditions de votre réservation.",
  "portal_reschedule.instead":
    "Changer la date maintenant, c’est annuler cette séance puis en réserver une nouvelle. Si vous annulez maintenant\u00a0:",
  "portal_reschedule.cancel_link": "Annuler depuis la page de la séance",
  "portal_reschedule.book_link": "Réserver une nouvelle date",
  "portal_reschedule.unavailable":
    "Cette séance ne peut plus être déplacée en ligne\u00a0: contactez le studio pour la modifier.",
  "portal_reschedule.pick": "Choisissez la nouvelle date",
  "portal_reschedule.confirm_title": "Confirmez la nouvelle date",
  "portal_reschedule.from": "Actuellement",
  "portal_reschedule.to": "Nouvelle date",
  "portal_reschedule.confirm": "Déplacer la séance",
  "portal_reschedule.change_time": "Choisir une autre date",
  "portal_reschedule.taken_title": "Cet horaire vient d’être pris",
  "portal_reschedule.taken": "Quelqu’un l’a réservé à l’instant. Votre séance n’a pas bougé.",
  "portal_reschedule.done":
    "Votre séance est déplacée. Nous vous avons envoyé un e-mail avec la nouvelle date.",
  "portal_reschedule.mail.subject": "Vous avez déplacé votre séance\u00a0: {title} chez {studio}",
  "portal_reschedule.mail.intro":
    "Vous avez déplacé votre séance «\u00a0{title}\u00a0» chez {studio}. Voici son nouvel horaire.",
};
