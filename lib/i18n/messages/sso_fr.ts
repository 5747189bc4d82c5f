import type { ssoEn } from "./sso_en.ts";

// Authentification unique via le fournisseur OpenID Connect du studio (traduction de sso_en.ts).
export const ssoFr: Record<keyof typeof ssoEn, string> = {
  "settings_nav.sso": "Authentification unique",

  "sso.sign_in.button": "Se connecter avec le SSO",
  "sso.sign_in.or": "ou avec votre mot de passe",
  "sso.sign_in.required":
    "Ce studio se connecte avec le compte de votre organisation\u00a0: utilisez «\u00a0Se connecter avec le SSO\u00a0».",

  "sso.failed.title": "L’authentification unique n’a pas abouti",
  "sso.failed.again": "Réessayer",
  "sso.problem.not_enabled":
    "Ce studio n’utilise pas l’authentification unique. Connectez-vous avec votre mot de passe.",
  "sso.problem.provider_unreachable":
    "Le fournisseur d’identité du studio est injoignable. Réessayez dans un instant\u00a0; si cela continue, prévenez le propriétaire du studio.",
  "sso.problem.provider_error": "Le fournisseur d’identité de votre organisation ne vous a pas connecté.",
  "sso.problem.bad_state":
    "Cette connexion a expiré ou a été commencée dans un autre navigateur. Recommencez depuis la page de connexion.",
  "sso.problem.token_exchange_failed":
    "Le fournisseur d’identité a refusé de confirmer la connexion. Recommencez\u00a0; si cela continue, prévenez le propriétaire du studio.",
  "sso.problem.invalid_token":
    "La réponse du fournisseur d’identité n’a pas pu être vérifiée\u00a0: personne n’a été connecté. Prévenez le propriétaire du studio.",
  "sso.problem.email_unverified":
    "Le compte de votre organisation n’a pas d’adresse e-mail vérifiée. Demandez à votre administrateur de la vérifier.",
  "sso.problem.domain_not_allowed":
    "Votre adresse e-mail n’est pas dans un domaine accepté par ce studio. Utilisez votre adresse professionnelle, ou demandez au propriétaire du studio.",
  "sso.problem.account_unavailable":
    "Votre compte ne peut pas être utilisé dans ce studio. Réessayez, ou demandez au propriétaire du studio.",

  "sso_settings.title": "Authentification unique",
  "sso_settings.intro":
    "Votre équipe se connecte avec le compte de son organisation (OpenID Connect)\u00a0: Okta, Microsoft Entra ID, Google Workspace, Auth0 ou tout autre fournisseur.",
  "sso_settings.saved": "Réglages d’authentification unique enregistrés.",
  "sso_settings.provider": "Fournisseur",
  "sso_settings.preset": "Fournisseur",
  "sso_settings.preset.okta": "Okta",
  "sso_settings.preset.entra": "Microsoft Entra ID",
  "sso_settings.preset.google": "Google Workspace",
  "sso_settings.preset.auth_zero": "Auth0",
  "sso_settings.preset.generic": "Autre (URL de l’émetteur)",
  "sso_settings.provider_detail": "Domaine, ID d’annuaire ou URL de l’émetteur",
  "sso_settings.provider_detail_hint":
    "Okta\u00a0: votre domaine Okta (dev-123456.okta.com) ou l’URL d’émetteur d’un serveur d’autorisation. Entra ID\u00a0: l’ID d’annuaire (locataire). Auth0\u00a0: le domaine de votre locataire. Google Workspace\u00a0: laissez vide. Autre\u00a0: l’URL de l’émetteur.",
  "sso_settings.issuer": "Émetteur utilisé\u00a0: {issuer}",
  "sso_settings.redirect_uri": "URI de redirection à déclarer chez votre fournisseur",
  "sso_settings.redirect_uri_hint":
    "Déclarez une application web avec le flux « authorization code », et cette adresse comme seule URI de redirection (de connexion).",
  "sso_settings.client_id": "ID client",
  "sso_settings.client_secret": "Secret client",
  "sso_settings.client_secret_set":
    "Un secret est enregistré et n’est jamais affiché. Laissez vide pour le garder, ou saisissez-en un nouveau pour le remplacer.",
  "sso_settings.client_secret_unset": "Conservé chiffré\u00a0; il n’est plus jamais affiché.",
  "sso_settings.access": "Qui peut se connecter",
  "sso_settings.allowed_domains": "Domaines e-mail autorisés",
  "sso_settings.allowed_domains_hint":
    "Un par ligne ou séparés par des virgules, comme example.com. Seules les adresses vérifiées de ces domaines entrent\u00a0; les sous-domaines doivent aussi être listés.",
  "sso_settings.default_role": "Rôle des nouveaux venus",
  "sso_settings.default_role_hint":
    "Une personne d’un domaine autorisé qui n’est pas encore membre rejoint le studio avec ce rôle à sa première connexion. Modifiable ensuite sur la page de l’équipe.",
  "sso_settings.enabled": "Activer l’authentification unique",
  "sso_settings.enabled_hint": "La page de connexion affiche «\u00a0Se connecter avec le SSO\u00a0».",
  "sso_settings.sso_only": "Exiger l’authentification unique",
  "sso_settings.sso_only_hint":
    "Les membres autres que les propriétaires ne peuvent plus se connecter par mot de passe. Les propriétaires gardent le leur pour reprendre la main si le fournisseur tombe en panne.",
};
