/**
 * A studio's single sign-on settings, as its owner edits them (routes/app/settings/sso.tsx): which
 * provider (a preset or any OpenID Connect issuer), the client registered there, who may sign in
 * (e-mail domains), which role newcomers get, and whether password sign-in is refused. Saving checks
 * every field, reaches the provider's discovery document before turning SSO on, seals the client
 * secret and writes an audit row; the secret is never shown back, only whether one is set.
 *
 * ```ts
 * await saveSsoSettings(kv, box, { tenantId, form, acting, audit: studio.db, allowLoopback: false });
 * ```
 */
import { type ActingAs, type AuditWriter, recordAudit } from "../audit/audit.ts";
import type { SecretBox } from "../crypto/secret_box.ts";
import { ValidationError } from "../errors.ts";
import {
  DEFAULT_GROUPS_CLAIM,
  getSsoConfigEntry,
  putSsoConfig,
  SSO_PRESETS,
  type SsoConfig,
  type SsoPreset,
  type SsoRoleMapping,
} from "../kv/sso_config.ts";
import { type Role, ROLES } from "../kv/staff.ts";
import { acceptableUrl, discover, DiscoveryFailed, IssuerAddressRefused } from "./sso_discovery.ts";
import type { Resolver } from "../net/public_host.ts";

/** Roles a person may get by signing in through the provider: anything but owner. */
export const JIT_ROLES: readonly Role[] = ROLES.filter((role) => role !== "owner");

/** Address books anyone can get an account in: allowing one would let the whole world join. */
const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "orange.fr",
  "free.fr",
  "laposte.net",
]);
const DOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_CLIENT_ID = 255;
const MAX_SECRET = 1024;
const MAX_DOMAINS = 50;

export const secretContext = (tenantId: string) => `sso:${tenantId}`;

/** The settings form as typed; `clientSecret` empty keeps the stored one. */
export interface SsoForm {
  enabled: boolean;
  preset: string;
  providerDetail: string;
  clientId: string;
  clientSecret: string;
  /** Separated by commas, spaces or new lines. */
  allowedDomains: string;
  defaultRole: string;
  ssoOnly: boolean;
  /** The groups claim's name; empty means {@link DEFAULT_GROUPS_CLAIM}. Absent: kept as stored. */
  groupsClaim?: string;
  /** Group → role rows in order; rows with neither are ignored. Absent: kept as stored. */
  roleMappings?: { group: string; role: string }[];
}

/** What the settings page shows: everything but the secret, of which only whether it is set. */
export interface SsoSettingsView {
  enabled: boolean;
  preset: SsoPreset;
  providerDetail: string;
  issuer: string;
  clientId: string;
  secretSet: boolean;
  allowedDomains: string[];
  defaultRole: Role;
  ssoOnly: boolean;
  groupsClaim: string;
  roleMappings: SsoRoleMapping[];
}

export const DEFAULT_SSO_SETTINGS: SsoSettingsView = {
  enabled: false,
  preset: "okta",
  providerDetail: "",
  issuer: "",
  clientId: "",
  secretSet: false,
  allowedDomains: [],
  defaultRole: "engineer",
  ssoOnly: false,
  groupsClaim: DEFAULT_GROUPS_CLAIM,
  roleMappings: [],
};

export function viewOf(config: SsoConfig | null): SsoSettingsView {
  if (!config) return DEFAULT_SSO_SETTINGS;
  return {
    enabled: config.enabled,
    preset: config.preset,
    providerDetail: config.providerDetail,
    issuer: config.issuer,
    clientId: config.clientId,
    secretSet: Boolean(config.clientSecret),
    allowedDomains: config.allowedDomains,
    defaultRole: config.defaultRole,
    ssoOnly: config.ssoOnly,
    groupsClaim: config.groupsClaim || DEFAULT_GROUPS_CLAIM,
    roleMappings: config.roleMappings ?? [],
  };
}

const CLAIM_NAME = /^[A-Za-z0-9_:./#-]{1,200}$/;
const MAX_GROUP = 256;
export const MAX_ROLE_MAPPINGS = 50;

/** The groups claim's name, or a message for `groupsClaim`. */
export function parseGroupsClaim(text: string): { claim: string } | { problem: string } {
  const claim = text.trim() || DEFAULT_GROUPS_CLAIM;
  return CLAIM_NAME.test(claim) ? { claim } : {
    problem:
      "A claim name has letters, digits and _ : . / # - only, like groups or https://example.com/roles.",
  };
}

/**
 * The mapping rows, in order, or a message for `roleMappings`: each row needs a group and a role
 * other than owner; a group is listed once; blank rows are dropped.
 */
export function parseRoleMappings(
  rows: readonly { group: string; role: string }[],
): { mappings: SsoRoleMapping[] } | { problem: string } {
  const mappings: SsoRoleMapping[] = [];
  for (const [index, row] of rows.entries()) {
    const group = row.group.trim();
    const role = row.role.trim();
    if (!group && !role) continue;
    const line = `Line ${index + 1}`;
    if (!group) return { problem: `${line}: enter the group, exactly as the provider sends it.` };
    // deno-lint-ignore no-control-regex
    if (group.length > MAX_GROUP || /[\u0000-\u001f\u007f]/.test(group)) {
      return { problem: `${line}: a group has at most ${MAX_GROUP} characters and no control characters.` };
    }
    const mapped = JIT_ROLES.find((candidate) => candidate === role);
    if (!mapped) return { problem: `${line}: choose a role other than owner.` };
    if (mappings.some((mapping) => mapping.group === group)) {
      return { problem: `${line}: the group ${group} is already mapped above.` };
    }
    mappings.push({ group, role: mapped });
  }
  if (mappings.length > MAX_ROLE_MAPPINGS) return { problem: `At most ${MAX_ROLE_MAPPINGS} mappings.` };
  return { mappings };
}

export async function getSsoSettings(kv: Deno.Kv, tenantId: string): Promise<SsoSettingsView> {
  return viewOf((await getSsoConfigEntry(kv, tenantId)).value);
}

/**
 * The issuer URL a preset leads to, or a message for `providerDetail`. Okta's org authorization
 * server is `https://<domain>` (a custom one may be given as its full issuer URL); Auth0's issuer
 * ends in a slash; Entra ID needs the directory (tenant) id, since `common` has no single issuer.
 */
export function issuerFor(
  preset: SsoPreset,
  detail: string,
  allowLoopback: boolean,
): { issuer: string } | { problem: string } {
  const text = detail.trim();
  const host = text.replace(/^https:\/\//i, "").replace(/\/+$/, "").toLowerCase();
  switch (preset) {
    case "google":
      return { issuer: "https://accounts.google.com" };
    case "entra":
      return GUID.test(text.toLowerCase())
        ? { issuer: `https://login.microsoftonline.com/${text.toLowerCase()}/v2.0` }
        : { problem: "Enter the directory (tenant) ID, like 72f988bf-86f1-41af-91ab-2d7cd011db47." };
    case "okta":
    case "auth0": {
      if (/^https:\/\/[^/]+\/.+/i.test(text) && preset === "okta") {
        return acceptableUrl(text, false)
          ? { issuer: text.replace(/\/+$/, "") }
          : { problem: "Enter the Okta domain, like dev-123456.okta.com, or an issuer URL." };
      }
      if (!DOMAIN.test(host)) {
        return {
          problem: preset === "okta"
            ? "Enter the Okta domain, like dev-123456.okta.com."
            : "Enter the Auth0 domain, like studio.eu.auth0.com.",
        };
      }
      return { issuer: preset === "okta" ? `https://${host}` : `https://${host}/` };
    }
    case "generic":
      return acceptableUrl(text, allowLoopback)
        ? { issuer: text }
        : { problem: "Enter the issuer URL, starting with https://, like https://id.example.com." };
  }
}

/** The domains of a textarea, lowercased and deduplicated, or a message for `allowedDomains`. */
export function parseDomains(text: string): { domains: string[] } | { problem: string } {
  const domains = [
    ...new Set(text.split(/[\s,;]+/).map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean)),
  ];
  const bad = domains.find((domain) => !DOMAIN.test(domain));
  if (bad) return { problem: `"${bad}" is not a domain, like example.com.` };
  const open = domains.find((domain) => PUBLIC_MAIL_DOMAINS.has(domain));
  if (open) {
    return { problem: `Anyone can have an address at ${open}; list your organisation's own domains.` };
  }
  if (domains.length > MAX_DOMAINS) return { problem: `List at most ${MAX_DOMAINS} domains.` };
  return { domains };
}

export interface SaveSso {
  tenantId: string;
  form: SsoForm;
  acting: ActingAs;
  audit: AuditWriter;
  /** Accept issuers on loopback hosts, http:// too (SSO_ALLOW_PRIVATE_ISSUERS; never production). */
  allowLoopback: boolean;
  /** Name resolution for the private-address check, for tests; Deno.resolveDns by default. */
  resolve?: Resolver;
}

/**
 * Checks and stores the settings. Problems are a ValidationError naming each field. Turning SSO on
 * (or saving while on) reads the provider's discovery document first, so a typo shows beside the
 * field instead of breaking sign-in. Audited as `sso.settings_changed` with the changed fields (the
 * secret only as "set"/"replaced").
 */
export async function saveSsoSettings(kv: Deno.Kv, box: SecretBox, save: SaveSso): Promise<SsoSettingsView> {
  const { form, tenantId } = save;
  const entry = await getSsoConfigEntry(kv, tenantId);
  const current = entry.value;
  const errors: Record<string, string> = {};

  const preset = SSO_PRESETS.find((p) => p === form.preset);
  if (!preset) errors.preset = "Choose a provider.";
  const issuer = preset ? issuerFor(preset, form.providerDetail, save.allowLoopback) : null;
  if (issuer && "problem" in issuer) errors.providerDetail = issuer.problem;
  const clientId = form.clientId.trim();
  if (clientId.length > MAX_CLIENT_ID) {
    errors.clientId = `A client ID has at most ${MAX_CLIENT_ID} characters.`;
  }
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(clientId)) errors.clientId = "A client ID has no control characters.";
  const secret = form.clientSecret.trim();
  if (secret.length > MAX_SECRET) {
    errors.clientSecret = `A client secret has at most ${MAX_SECRET} characters.`;
  }
  const domains = parseDomains(form.allowedDomains);
  if ("problem" in domains) errors.allowedDomains = domains.problem;
  const defaultRole = JIT_ROLES.find((role) => role === form.defaultRole);
  if (!defaultRole) errors.defaultRole = "Choose a role other than owner.";

  if (form.enabled) {
    if (!clientId) errors.clientId = "Enter the client ID your provider gave the studio.";
    if (!secret && !current?.clientSecret) {
      errors.clientSecret = "Enter the client secret your provider gave the studio.";
    }
    if ("domains" in domains && domains.domains.length === 0) {
      errors.allowedDomains = "List at least one e-mail domain, like example.com.";
    }
  }
  if (form.ssoOnly && !form.enabled) errors.ssoOnly = "Turn single sign-on on to require it.";
  const groupsClaim = form.groupsClaim === undefined
    ? { claim: current?.groupsClaim || DEFAULT_GROUPS_CLAIM }
    : parseGroupsClaim(form.groupsClaim);
  if ("problem" in groupsClaim) errors.groupsClaim = groupsClaim.problem;
  const roleMappings = form.roleMappings === undefined
    ? { mappings: current?.roleMappings ?? [] }
    : parseRoleMappings(form.roleMappings);
  if ("problem" in roleMappings) errors.roleMappings = roleMappings.problem;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors, "The SSO settings were not saved.");

  const issuerUrl = (issuer as { issuer: string }).issuer;
  if (form.enabled) {
    try {
      await discover(issuerUrl, { allowLoopback: save.allowLoopback, resolve: save.resolve });
    } catch (err) {
      if (!(err instanceof DiscoveryFailed)) throw err;
      throw new ValidationError(
        {
          providerDetail: err instanceof IssuerAddressRefused
            ? `This provider address is refused: ${err.message} Single sign-on needs a provider on the public internet.`
            : `The provider's configuration could not be read: ${err.message}`,
        },
        "The SSO settings were not saved.",
      );
    }
  }

  const now = new Date().toISOString();
  const next: SsoConfig = {
    tenantId,
    enabled: form.enabled,
    preset: preset!,
    providerDetail: preset === "google" ? "" : form.providerDetail.trim(),
    issuer: issuerUrl,
    clientId,
    ...(secret
      ? { clientSecret: await box.seal(secret, secretContext(tenantId)) }
      : current?.clientSecret
      ? { clientSecret: current.clientSecret }
      : {}),
    allowedDomains: (domains as { domains: string[] }).domains,
    defaultRole: defaultRole!,
    ssoOnly: form.ssoOnly,
    groupsClaim: (groupsClaim as { claim: string }).claim,
    roleMappings: (roleMappings as { mappings: SsoRoleMapping[] }).mappings,
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
  };
  if (!(await putSsoConfig(kv, entry, next))) {
    throw new ValidationError(
      { enabled: "Someone else saved these settings meanwhile; check them and save again." },
      "The SSO settings were not saved.",
    );
  }
  const changes = changesOf(current, next, Boolean(secret));
  if (Object.keys(changes).length > 0) {
    await recordAudit(save.audit, {
      ...save.acting,
      action: "sso.settings_changed",
      entity: { type: "sso_config", id: tenantId },
      changes,
    });
  }
  return viewOf(next);
}

function changesOf(before: SsoConfig | null, after: SsoConfig, secretEntered: boolean) {
  const changes: Record<string, { before?: unknown; after?: unknown }> = {};
  const fields = [
    "enabled",
    "preset",
    "issuer",
    "clientId",
    "allowedDomains",
    "defaultRole",
    "ssoOnly",
    "groupsClaim",
    "roleMappings",
  ] as const;
  for (const field of fields) {
    // Settings saved before the mapping existed read as the defaults, not as a change.
    const was = before
      ? before[field] ??
        (field === "groupsClaim" ? DEFAULT_GROUPS_CLAIM : field === "roleMappings" ? [] : null)
      : null;
    if (JSON.stringify(was) !== JSON.stringify(after[field])) {
      changes[field] = { before: was, after: after[field] };
    }
  }
  if (secretEntered) {
    changes.clientSecret = {
      before: before?.clientSecret ? "set" : null,
      after: before?.clientSecret ? "replaced" : "set",
    };
  }
  return changes;
}
