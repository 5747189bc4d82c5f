import type { calendarDragEn } from "./calendar_drag_en.ts";

// French typography: a no-break space (\u00a0) goes before ":"; apostrophes are typographic (’).
export const calendarDragFr: Record<keyof typeof calendarDragEn, string> = {
  "calendar.drag.help":
    "Pour déplacer une séance, faites-la glisser, ou placez-y le focus et utilisez les flèches : haut et bas la déplacent de 15 minutes, gauche et droite d’un jour (vue semaine). Faites glisser son bord inférieur, ou maintenez Maj avec les flèches, pour changer sa fin. Entrée enregistre, Échap annule.",
  "calendar.drag.resize": "Changer la fin",
  "calendar.drag.pending": "Nouvel horaire : {time}. Entrée pour enregistrer, Échap pour annuler.",
  "calendar.drag.saving": "Enregistrement de {time}…",
  "calendar.drag.saved": "Déplacée à {time}.",
  "calendar.drag.offline": "La modification n’a pas pu être envoyée. Vérifiez la connexion et réessayez.",
  "calendar.drag.moved": "La séance a été déplacée.",
  "calendar.drag.not_moved.conflict":
    "La séance n’a pas été déplacée : le nouvel horaire empiète sur une autre réservation, une fermeture ou une absence, ou quelqu’un a modifié la séance entre-temps.",
  "calendar.drag.not_moved.invalid": "La séance n’a pas été déplacée : le nouvel horaire n’est pas valide.",
  "calendar.drag.open_session": "Ouvrir la séance",
} as const;
