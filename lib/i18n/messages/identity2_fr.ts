import type { identity2En } from "./identity2_en.ts";

// Accès à l'API depuis un navigateur (CORS) et correspondance groupes SSO → rôles (traduction de identity2_en.ts).
export const identity2Fr: Record<keyof typeof identity2En, string> = {
  "apikeys.cors.title": "Accès depuis un navigateur (CORS)",
  "apikeys.cors.intro":
    "Les clés d'API sont faites pour les serveurs et les intégrations. Une page web d'un autre site ne peut appeler l'API du studio depuis un navigateur que si son origine figure ici, et seulement avec une clé d'API : le cookie de connexion de l'équipe ne compte jamais depuis un autre site.",
  "apikeys.cors.origins": "Origines autorisées",
  "apikeys.cors.origins_hint":
    "Une par ligne, exactement comme le navigateur l'envoie : https://app.example.com, avec le port s'il n'est pas celui par défaut. https uniquement (http pour localhost). Laissez vide pour refuser tous les autres sites.",
  "apikeys.cors.save": "Enregistrer les origines autorisées",
  "apikeys.cors.saved": "Origines autorisées enregistrées.",

  "sso_settings.groups.title": "Rôles selon les groupes",
  "sso_settings.groups.intro":
    "Donnez un rôle selon les groupes que votre fournisseur met dans le jeton d'identité. À chaque connexion, la première ligne dont la personne fait partie du groupe fixe son rôle, pour les nouveaux comme pour les membres (les propriétaires ne changent jamais). Sans correspondance : les nouveaux reçoivent le rôle ci-dessus, les membres gardent le leur.",
  "sso_settings.groups.claim": "Revendication des groupes",
  "sso_settings.groups.claim_hint":
    "La revendication du jeton d'identité qui liste les groupes : groups pour Okta et Entra ID (revendications de groupe activées ; Entra envoie les identifiants des groupes), une revendication avec espace de noms comme https://example.com/groups pour Auth0.",
  "sso_settings.groups.mappings": "Groupe → rôle, la première correspondance l'emporte",
  "sso_settings.groups.mappings_hint":
    "Le groupe exactement comme le fournisseur l'envoie. Mettez le rôle le plus élevé en premier. Les lignes vides sont ignorées ; enregistrez pour avoir plus de lignes.",
  "sso_settings.groups.group": "Groupe {n}",
  "sso_settings.groups.role": "Rôle {n}",
  "sso_settings.groups.no_role": "Choisissez un rôle",
};
