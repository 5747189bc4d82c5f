// Single sign-on through a studio's OpenID Connect provider (English source; sso_fr.ts mirrors these ids).
export const ssoEn = {
  "settings_nav.sso": "Single sign-on",

  "sso.sign_in.button": "Sign in with SSO",
  "sso.sign_in.or": "or with your password",
  "sso.sign_in.required": "This studio signs in through your organisation account: use “Sign in with SSO”.",

  "sso.failed.title": "Single sign-on did not work",
  "sso.failed.again": "Try again",
  "sso.problem.not_enabled": "This studio does not use single sign-on. Sign in with your password.",
  "sso.problem.provider_unreachable":
    "The studio's sign-in provider could not be reached. Try again in a moment; if it goes on, tell the studio's owner.",
  "sso.problem.provider_error": "Your organisation's sign-in provider did not sign you in.",
  "sso.problem.bad_state":
    "This sign-in has expired or was started in another browser. Start again from the sign-in page.",
  "sso.problem.token_exchange_failed":
    "The sign-in provider refused to confirm the sign-in. Start again; if it goes on, tell the studio's owner.",
  "sso.problem.invalid_token":
    "The sign-in provider's answer could not be verified, so nobody was signed in. Tell the studio's owner.",
  "sso.problem.email_unverified":
    "Your organisation account has no verified e-mail address. Ask your administrator to verify it.",
  "sso.problem.domain_not_allowed":
    "Your e-mail address is not in a domain this studio accepts. Sign in with your work address, or ask the studio's owner.",
  "sso.problem.account_unavailable":
    "Your account could not be used at this studio. Try again, or ask the studio's owner.",

  "sso_settings.title": "Single sign-on",
  "sso_settings.intro":
    "Let your team sign in with their organisation account (OpenID Connect): Okta, Microsoft Entra ID, Google Workspace, Auth0 or any other provider.",
  "sso_settings.saved": "Single sign-on settings saved.",
  "sso_settings.provider": "Provider",
  "sso_settings.preset": "Provider",
  "sso_settings.preset.okta": "Okta",
  "sso_settings.preset.entra": "Microsoft Entra ID",
  "sso_settings.preset.google": "Google Workspace",
  "sso_settings.preset.auth_zero": "Auth0",
  "sso_settings.preset.generic": "Other (issuer URL)",
  "sso_settings.provider_detail": "Domain, directory ID or issuer URL",
  "sso_settings.provider_detail_hint":
    "Okta: your Okta domain (dev-123456.okta.com) or an authorization server's issuer URL. Entra ID: the directory (tenant) ID. Auth0: your tenant's domain. Google Workspace: leave empty. Other: the issuer URL.",
  "sso_settings.issuer": "Issuer in use: {issuer}",
  "sso_settings.redirect_uri": "Redirect URI to register at your provider",
  "sso_settings.redirect_uri_hint":
    "Register a web application with the authorization code flow, and this address as its only redirect (sign-in) URI.",
  "sso_settings.client_id": "Client ID",
  "sso_settings.client_secret": "Client secret",
  "sso_settings.client_secret_set":
    "A secret is set and is never shown. Leave this empty to keep it, or type a new one to replace it.",
  "sso_settings.client_secret_unset": "Stored encrypted; it is never shown again.",
  "sso_settings.access": "Who may sign in",
  "sso_settings.allowed_domains": "Allowed e-mail domains",
  "sso_settings.allowed_domains_hint":
    "One per line or separated by commas, like example.com. Only verified addresses in these domains get in; subdomains must be listed too.",
  "sso_settings.default_role": "Role of newcomers",
  "sso_settings.default_role_hint":
    "A person of an allowed domain who is not a member yet joins the studio with this role at their first sign-in. Change it on the team page later.",
  "sso_settings.enabled": "Turn single sign-on on",
  "sso_settings.enabled_hint": "The sign-in page shows “Sign in with SSO”.",
  "sso_settings.sso_only": "Require single sign-on",
  "sso_settings.sso_only_hint":
    "Members other than owners can no longer sign in with a password. Owners keep their password as the way back in if the provider fails.",
} as const;
