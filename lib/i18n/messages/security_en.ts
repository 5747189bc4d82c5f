// Studio-wide security rules and the password rules' messages (English source; security_fr.ts mirrors these ids).
export const securityEn = {
  "settings_nav.security": "Security",

  "security_settings.title": "Security",
  "security_settings.intro": "Rules every member of the studio signs in under.",
  "security_settings.two_factor": "Two-factor authentication",
  "security_settings.require_two_factor": "Require two-factor authentication for all staff",
  "security_settings.require_two_factor_hint":
    "A member without it is asked to set it up at their next visit and can open nothing else until they have. API keys are not affected.",
  "security_settings.members_without":
    "{count, plural, =0 {Every member has set up two-factor authentication.} one {# member has not set up two-factor authentication yet.} other {# members have not set up two-factor authentication yet.}}",
  "security_settings.sso_note":
    "Members who sign in through your single sign-on provider count as meeting the rule when the provider reports multi-factor authentication (Okta, Microsoft Entra ID, Auth0); otherwise they set it up here too.",
  "security_settings.saved": "Security settings saved.",

  "account.security.two_factor_required":
    "This studio requires two-factor authentication. Set it up below to continue; you can sign out at any time.",

  "password.rule.too_short":
    "Use at least {min} characters; a few unrelated words make a long password that is easy to remember.",
  "password.rule.too_long": "Use at most {max} characters.",
  "password.rule.contains_email": "Your password must not contain your e-mail address.",
  "password.rule.contains_name": "Your password must not contain your name.",
  "password.rule.common":
    "This password is among the most common ones and is tried first by attackers; choose something less predictable.",
  "password.rule.predictable":
    "Repeated or consecutive characters are guessed at once; choose something less predictable.",
  "password.rule.missing": "Choose a password.",
} as const;
