// The client's payments, profile, sign-in e-mail and optional password on the portal (English source;
// portal_account_fr.ts mirrors these ids).
export const portalAccountEn = {
  "portal_account.nav.payments": "Payments",
  "portal_account.nav.profile": "Profile",

  "portal_account.payments.title": "Your payments",
  "portal_account.payments.intro": "Payments and refunds, newest first. Dates are the studio's ({zone}).",
  "portal_account.payments.empty": "No payments yet.",
  "portal_account.payments.date": "Date",
  "portal_account.payments.method": "Method",
  "portal_account.payments.invoice": "Invoice",
  "portal_account.payments.amount": "Amount",
  "portal_account.payments.refund": "Refund",
  "portal_account.payments.on_account": "On account",
  "portal_account.payments.totals": "Paid, less refunds",
  "portal_account.payments.more":
    "Only the latest {count} payments are listed; ask the studio for older ones.",
  "portal_account.payments.credit_hint":
    "“From your credit” uses money you had already paid, so the totals count it only once.",
  "portal_account.method.cash": "Cash",
  "portal_account.method.transfer": "Bank transfer",
  "portal_account.method.card": "Card at the studio",
  "portal_account.method.cheque": "Cheque",
  "portal_account.method.other": "Other",
  "portal_account.method.credit": "From your credit",
  "portal_account.method.stripe": "Card online",

  "portal_account.profile.title": "Your profile",
  "portal_account.profile.details": "Contact details",
  "portal_account.profile.name": "Name",
  "portal_account.profile.artist_name": "Artist name",
  "portal_account.profile.phone": "Phone",
  "portal_account.profile.address_first": "Address",
  "portal_account.profile.address_second": "Address (line 2)",
  "portal_account.profile.postal_code": "Postal code",
  "portal_account.profile.city": "City",
  "portal_account.profile.region": "State or region",
  "portal_account.profile.country": "Country",
  "portal_account.profile.choose_country": "Choose a country…",
  "portal_account.profile.locale": "Language of the portal and your e-mails",
  "portal_account.profile.locale_default":
    "Not chosen (e-mails in the studio's language, the portal in your browser's)",
  "portal_account.profile.save": "Save my details",
  "portal_account.profile.saved": "Your details are saved.",
  "portal_account.profile.stale":
    "Your details were changed elsewhere since you opened this page. Here they are as they are now: make your change again.",
  "portal_account.profile.problem": "Check these fields",

  "portal_account.email.title": "Sign-in e-mail",
  "portal_account.email.current": "You sign in as {email}.",
  "portal_account.email.new": "New e-mail address",
  "portal_account.email.hint":
    "We send a link to the new address. Your sign-in e-mail changes when you open it, within 15 minutes.",
  "portal_account.email.submit": "Send a confirmation link",
  "portal_account.email.sent":
    "If {email} can be used, a confirmation link is on its way to it. Your sign-in e-mail changes when you open it.",
  "portal_account.email.same": "This is already your sign-in e-mail.",
  "portal_account.email.changed": "Your sign-in e-mail is now {email}.",
  "portal_account.email_confirm.title": "Confirm your new sign-in e-mail",
  "portal_account.email_confirm.intro": "Press the button to sign in with this new address from now on.",
  "portal_account.email_confirm.submit": "Confirm the new address",
  "portal_account.email_confirm.invalid":
    "This link has been used, has expired, or was sent for another account. Ask for a new one on your profile.",
  "portal_account.email_confirm.taken": "This address now signs in another account. Choose another one.",
  "portal_account.email_confirm.back": "Back to your profile",

  "portal_account.mail.change.subject": "Confirm your new e-mail for {studio}",
  "portal_account.mail.change.intro":
    "Open this link to sign in to {studio}'s portal with this address from now on. It works once, for 15 minutes, on the device where you asked for it.",
  "portal_account.mail.change.action": "Confirm this address",
  "portal_account.mail.change.ignore":
    "If you did not ask for this, ignore this e-mail: nothing changes without the link.",
  "portal_account.mail.changed.subject": "Your sign-in e-mail for {studio} was changed",
  "portal_account.mail.changed.body":
    "Your portal sign-in e-mail is now {email}. If you did not make this change, contact {studio} at once.",

  "portal_account.password.title": "Password",
  "portal_account.password.none":
    "You sign in with a link sent by e-mail. You may also choose a password to sign in without waiting for a mail.",
  "portal_account.password.has": "You can sign in with your password or with a link sent by e-mail.",
  "portal_account.password.new": "New password",
  "portal_account.password.confirm": "Repeat the password",
  "portal_account.password.hint": "At least 12 characters; a few unrelated words make a good one.",
  "portal_account.password.set_submit": "Set the password",
  "portal_account.password.change_submit": "Change the password",
  "portal_account.password.remove": "Remove the password",
  "portal_account.password.set": "Your password is set.",
  "portal_account.password.changed": "Your password is changed.",
  "portal_account.password.removed": "Your password is removed: sign in with a link sent by e-mail.",
  "portal_account.password.too_short":
    "Use at least 12 characters; a few unrelated words make a long password that is easy to remember.",
  "portal_account.password.too_long": "Use at most 256 characters.",
  "portal_account.password.contains_email": "Your password must not contain your e-mail address.",
  "portal_account.password.contains_name": "Your password must not contain your name.",
  "portal_account.password.common":
    "This password is among the most common ones and is tried first by attackers; choose something less predictable.",
  "portal_account.password.predictable":
    "Repeated or consecutive characters are guessed at once; choose something less predictable.",
  "portal_account.password.weak": "Choose a stronger password.",
  "portal_account.password.mismatch": "The two passwords differ: type the same one twice.",

  "portal_account.sign_in.password_title": "Or sign in with your password",
  "portal_account.sign_in.password_intro": "If you chose a password on your profile.",
  "portal_account.sign_in.password": "Password",
  "portal_account.sign_in.submit": "Sign in",
  "portal_account.sign_in.refused": "The e-mail or password is not right.",
} as const;
