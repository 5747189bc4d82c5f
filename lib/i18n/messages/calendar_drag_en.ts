// Moving and resizing sessions on the calendar (English source; calendar_drag_fr.ts mirrors these ids).
export const calendarDragEn = {
  "calendar.drag.help":
    "To move a session, drag it, or focus it and use the arrow keys: up and down move it by 15 minutes, left and right by a day (week view). Drag its bottom edge, or hold Shift with the arrow keys, to change its end. Enter saves, Escape cancels.",
  "calendar.drag.resize": "Change the end",
  "calendar.drag.pending": "New time: {time}. Enter to save, Escape to cancel.",
  "calendar.drag.saving": "Saving {time}…",
  "calendar.drag.saved": "Moved to {time}.",
  "calendar.drag.offline": "The change could not be sent. Check the connection and try again.",
  "calendar.drag.moved": "The session was moved.",
  "calendar.drag.not_moved.conflict":
    "The session was not moved: the new time clashes with another booking, a closure or time off, or someone changed the session meanwhile.",
  "calendar.drag.not_moved.invalid": "The session was not moved: the new time is not valid.",
  "calendar.drag.open_session": "Open the session",
} as const;
