// The source catalogue: every user-facing string starts here and every other locale mirrors these ids.
// Syntax: `{name}` inserts a parameter; `{count, plural, =0 {…} one {# item} other {# items}}` picks a
// branch with the locale's plural rules, `#` being the formatted count. Pass years and ids as strings:
// numbers are formatted with digit grouping.

/** English text of every message, keyed by dotted id grouped by area. */
export const en = {
  "app.name": "Recording Studio Manager",

  "nav.main": "Main navigation",
  "nav.skip": "Skip to content",
  "nav.menu": "Menu",
  "nav.coming_soon": "Coming soon",
  "nav.dashboard": "Dashboard",
  "nav.calendar": "Calendar",
  "nav.sessions": "Sessions",
  "nav.clients": "Clients",
  "nav.rooms": "Rooms",
  "nav.engineers": "Engineers",
  "nav.gear": "Gear",
  "nav.quotes": "Quotes",
  "nav.invoices": "Invoices",
  "nav.payments": "Payments",
  "nav.projects": "Projects",
  "nav.files": "Files",
  "nav.reports": "Reports",
  "nav.settings": "Settings",
  "nav.sign_out": "Sign out",

  "landing.title": "The all-in-one manager for recording studios",
  "landing.tagline":
    "Run your studio in one place: bookings, clients, invoices, and a booking portal your artists love.",
  "landing.cta_signup": "Create your studio",
  "landing.cta_signin": "Sign in",
  "landing.cta_demo": "Open the demo studio",
  "landing.features.heading": "Everything your studio runs on",
  "landing.features.calendar.title": "A calendar without double bookings",
  "landing.features.calendar.body":
    "Rooms, engineers and gear are checked together, so a slot can never be booked twice.",
  "landing.features.invoices.title": "Invoices right to the cent",
  "landing.features.invoices.body":
    "Quotes become invoices with taxes, deposits and discounts calculated exactly, down to the last cent.",
  "landing.features.portal.title": "A mobile booking portal",
  "landing.features.portal.body": "Artists pick a slot from their phone and pay a deposit to confirm it.",
  "landing.features.projects.title": "Projects, tracks and splits",
  "landing.features.projects.body":
    "Follow every project track by track and record who holds which share of each song.",
  "landing.features.integrations.title": "Integrations and calendar feeds",
  "landing.features.integrations.body":
    "Subscribe to your sessions from any calendar app and connect the tools you already use.",
  "landing.features.security.title": "Security built in",
  "landing.features.security.body":
    "Two-factor authentication, single sign-on and an audit log of every change keep your studio safe.",
  "landing.footer": "Built for the studios where records are made.",

  "shell.section_coming.title": "{section} is on its way",
  "shell.section_coming.body":
    "We're still building this section, so it isn't available yet. It will appear here as soon as it's ready.",

  "auth.sign_in.title": "Sign in to {studio}",
  "auth.sign_in.intro": "Use the e-mail address and password of your staff account.",
  "auth.email": "E-mail address",
  "auth.password": "Password",
  "auth.sign_in.submit": "Sign in",
  "auth.sign_in.refused": "The e-mail or password is not right.",
  "auth.sign_in.problem": "Signing in did not work",
  "auth.sign_up.title": "Create your studio",
  "auth.sign_up.intro": "Your studio gets its own space and address. You can change every setting later.",
  "auth.sign_up.studio": "Your studio",
  "auth.sign_up.you": "You, the owner",
  "auth.sign_up.studio_name": "Studio name",
  "auth.sign_up.slug": "Address",
  "auth.sign_up.slug_hint": "Lowercase letters, digits and hyphens; your studio will be at {example}.",
  "auth.sign_up.country": "Country",
  "auth.sign_up.timezone": "Time zone",
  "auth.sign_up.currency": "Currency",
  "auth.sign_up.owner_name": "Your name",
  "auth.sign_up.password_hint": "At least 12 characters. A few unrelated words make a strong password.",
  "auth.sign_up.submit": "Create the studio",
  "auth.sign_up.problem": "Some details need your attention",
  "auth.choose": "Choose…",
  "auth.sign_out": "Sign out",
  "auth.signed_in_as": "Signed in as {name}",

  "dashboard.title": "Dashboard",
  "dashboard.getting_started.title": "Getting started",
  "dashboard.getting_started.intro": "Four steps take your studio from empty to its first booked session.",
  "dashboard.step.rooms.title": "Add your rooms",
  "dashboard.step.rooms.body": "Opening hours, rates and the buffer you need between sessions.",
  "dashboard.step.engineers.title": "Add engineers and gear",
  "dashboard.step.engineers.body": "Who works when, and what can be booked with a room.",
  "dashboard.step.clients.title": "Add your first client",
  "dashboard.step.clients.body": "An artist, a band or a label, with their contacts.",
  "dashboard.step.booking.title": "Book a session",
  "dashboard.step.booking.body": "Room, engineer and gear together, without double bookings.",
  "dashboard.welcome": "Welcome, {name}",
  "dashboard.sessions_today":
    "{count, plural, =0 {No sessions today} one {# session today} other {# sessions today}}",

  "error.not_found.title": "Page not found",
  "error.not_found.body": "The page you're looking for doesn't exist or has moved.",
  "error.server.title": "Something went wrong",
  "error.server.body":
    "An unexpected error occurred on our side. Please try again, and if it keeps happening, contact support. Reference: {requestId}",
  "error.forbidden.title": "Access denied",
  "error.forbidden.body":
    "You don't have permission to view this page. Ask a studio administrator if you need access.",
  "error.unauthorized.title": "Please sign in",
  "error.unauthorized.body": "You need to sign in to continue.",
  "error.validation.title": "Some fields need your attention",
  "error.validation.body": "The request could not be accepted as sent. Go back, correct it and try again.",
  "error.method_not_allowed.title": "This action is not available here",
  "error.method_not_allowed.body": "The page exists, but not for this kind of request.",
  "error.conflict.title": "This change conflicts with existing data",
  "error.conflict.body": "Someone may have changed it at the same time. Reload the page and try again.",
  "error.rate_limited.title": "Too many requests",
  "error.rate_limited.body": "Try again in {seconds, plural, one {# second} other {# seconds}}.",
  "error.back_home": "Back to the home page",
  "studio.unknown.title": "No studio here",
  "studio.unknown.body":
    "There is no studio at this address. Check the link you were given, or ask the studio for its booking page.",
  "studio.suspended.title": "This studio is unavailable",
  "studio.suspended.body":
    "This studio's account is suspended for now. If you work there, contact support; if you are a client, contact the studio directly.",
  "studio.provisioning.title": "This studio is being set up",
  "studio.provisioning.body": "It will be ready in a few moments. Reload this page shortly.",

  "common.save": "Save",
  "common.cancel": "Cancel",
  "common.close": "Close",
  "common.delete": "Delete",
  "common.edit": "Edit",
  "common.create": "Create",
  "common.search": "Search",
  "common.back": "Back",
  "common.loading": "Loading…",
  "common.required": "Required",
  "common.optional": "Optional",
  "common.yes": "Yes",
  "common.no": "No",
  "common.actions": "Actions",
  "common.dismiss": "Dismiss",
  "common.language": "Language",

  "form.error.summary": "Please correct the highlighted fields.",
} as const;

/** The id of a user-facing message. */
export type MessageId = keyof typeof en;
