// Browser access to the API (CORS) and SSO group → role mapping (English source; identity2_fr.ts mirrors these ids).
export const identity2En = {
  "apikeys.cors.title": "Browser access (CORS)",
  "apikeys.cors.intro":
    "API keys are meant for servers and integrations. A web page on another site may call this studio's API from a browser only if its origin is listed here, and even then only with an API key: the staff sign-in cookie never counts from another site.",
  "apikeys.cors.origins": "Allowed origins",
  "apikeys.cors.origins_hint":
    "One a line, exactly as the browser sends it: https://app.example.com, with the port if it is not the default one. https only (http for localhost). Leave empty to refuse every other site.",
  "apikeys.cors.save": "Save allowed origins",
  "apikeys.cors.saved": "Allowed origins saved.",

  "sso_settings.groups.title": "Roles from groups",
  "sso_settings.groups.intro":
    "Give people a role from the groups your provider puts in their ID token. At each sign-in, the first line whose group the person is in sets their role, newcomers and members alike (owners are never changed). Nobody matched: newcomers get the role above, members keep theirs.",
  "sso_settings.groups.claim": "Groups claim",
  "sso_settings.groups.claim_hint":
    "The ID token claim that lists the groups: groups for Okta and Entra ID (group claims on; Entra sends group IDs), a namespaced one such as https://example.com/groups for Auth0.",
  "sso_settings.groups.mappings": "Group → role, first match wins",
  "sso_settings.groups.mappings_hint":
    "The group exactly as the provider sends it. Put the most powerful role first. Empty lines are ignored; save to get more lines.",
  "sso_settings.groups.group": "Group {n}",
  "sso_settings.groups.role": "Role {n}",
  "sso_settings.groups.no_role": "Choose a role",
};
