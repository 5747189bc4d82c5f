// Online payments settings: Stripe Connect onboarding (English source; stripe_fr.ts mirrors these ids).
export const stripeEn = {
  "settings_nav.payments": "Online payments",
  "stripe_settings.title": "Online payments",
  "stripe_settings.intro":
    "Clients pay deposits and invoices by card through Stripe, straight into your studio's own Stripe account.",
  "stripe_settings.off.title": "Online payments are off on this server",
  "stripe_settings.off.body":
    "Whoever runs this server turns them on by setting STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (see the README) and pointing a Stripe webhook at {url}. Until then, portal bookings are requests your staff confirm, and invoices are paid by the other methods.",
  "stripe_settings.account": "Your Stripe account",
  "stripe_settings.status": "Status",
  "stripe_settings.status.none": "Not connected",
  "stripe_settings.status.pending": "Connected: Stripe still needs details before you can take payments",
  "stripe_settings.status.ready": "Ready: clients can pay online",
  "stripe_settings.account_id": "Account",
  "stripe_settings.connect": "Connect with Stripe",
  "stripe_settings.continue": "Continue on Stripe",
  "stripe_settings.refresh": "Check the status again",
  "stripe_settings.connect_hint":
    "You go to Stripe to give your studio's business and bank details, then come back here.",
  "stripe_settings.notice.returned": "Welcome back: the status below is Stripe's latest.",
  "stripe_settings.notice.link_expired": "The Stripe link expired. Continue to get a new one.",
  "stripe_settings.error.unavailable": "Stripe could not be reached. Try again in a moment.",
  "stripe_settings.error.off": "Online payments are not configured on this server.",
} as const;
