import type { securityEn } from "./security_en.ts";

// Règles de sécurité du studio et messages des règles de mot de passe (traduction de security_en.ts).
export const securityFr: Record<keyof typeof securityEn, string> = {
  "settings_nav.security": "Sécurité",

  "security_settings.title": "Sécurité",
  "security_settings.intro": "Les règles de connexion de tous les membres du studio.",
  "security_settings.two_factor": "Authentification à deux facteurs",
  "security_settings.require_two_factor": "Exiger l’authentification à deux facteurs de toute l’équipe",
  "security_settings.require_two_factor_hint":
    "Un membre qui ne l’a pas est invité à la configurer à sa prochaine visite et ne peut rien ouvrir d’autre avant. Les clés d’API ne sont pas concernées.",
  "security_settings.members_without":
    "{count, plural, =0 {Tous les membres ont configuré l’authentification à deux facteurs.} one {# membre n’a pas encore configuré l’authentification à deux facteurs.} other {# membres n’ont pas encore configuré l’authentification à deux facteurs.}}",
  "security_settings.sso_note":
    "Les membres qui se connectent via votre fournisseur d’authentification unique respectent la règle lorsque le fournisseur signale une authentification multifacteur (Okta, Microsoft Entra ID, Auth0) ; sinon, ils la configurent ici aussi.",
  "security_settings.saved": "Paramètres de sécurité enregistrés.",

  "account.security.two_factor_required":
    "Ce studio exige l’authentification à deux facteurs. Configurez-la ci-dessous pour continuer ; vous pouvez vous déconnecter à tout moment.",

  "password.rule.too_short":
    "Utilisez au moins {min} caractères ; quelques mots sans rapport entre eux font un mot de passe long et facile à retenir.",
  "password.rule.too_long": "Utilisez au plus {max} caractères.",
  "password.rule.contains_email": "Votre mot de passe ne doit pas contenir votre adresse e-mail.",
  "password.rule.contains_name": "Votre mot de passe ne doit pas contenir votre nom.",
  "password.rule.common":
    "Ce mot de passe fait partie des plus courants et les attaquants l’essaient en premier ; choisissez quelque chose de moins prévisible.",
  "password.rule.predictable":
    "Les caractères répétés ou qui se suivent se devinent tout de suite ; choisissez quelque chose de moins prévisible.",
  "password.rule.missing": "Choisissez un mot de passe.",
};
