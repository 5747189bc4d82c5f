import type { ActingAs } from "../audit/audit.ts";
import { expiryAfterDay, issueApiKey, revokeApiKey } from "../api/keys.ts";
import { ValidationError } from "../errors.ts";
import { type ApiKey, apiKeyStatus, listApiKeys } from "../kv/api_keys.ts";
import type { Role } from "../kv/staff.ts";
import type { AdminCommand } from "./cli.ts";
import { studioBySlug, withTenancy } from "./tenant_commands.ts";

type Options = Record<string, string | boolean | undefined>;

// Operators act outside any studio: the audit log names the command, not a person.
const OPERATOR: ActingAs = { actor: { type: "system", label: "deno task admin" } };

/** What operators see of a key: never its hash. */
const summary = (key: ApiKey) => ({
  id: key.id,
  name: key.name,
  role: key.role,
  prefix: key.prefix,
  status: apiKeyStatus(key),
  createdAt: key.createdAt,
  createdBy: key.createdBy.label ?? key.createdBy.type,
  ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}),
  ...(key.lastUsedAt ? { lastUsedAt: key.lastUsedAt } : {}),
  ...(key.revokedAt ? { revokedAt: key.revokedAt } : {}),
});

export const apiKeyCreate: AdminCommand = {
  name: "apikey:create",
  summary: "Create an API key for a studio and print its token (shown once)",
  options: {
    studio: { type: "string", description: "the studio's slug", required: true },
    name: { type: "string", description: "what the key is for, e.g. Website", required: true },
    role: { type: "string", description: "owner, admin, manager, engineer or bookkeeper", required: true },
    expires: {
      type: "string",
      description: "last valid day (YYYY-MM-DD, studio time) or an RFC 3339 instant; default never",
    },
  },
  run: (o: Options) =>
    withTenancy(async (tenancy) => {
      const tenant = await studioBySlug(tenancy, o.studio);
      const expires = typeof o.expires === "string" ? o.expires : undefined;
      const expiresAt = expires && /^\d{4}-\d{2}-\d{2}$/.test(expires)
        ? expiryAfterDay(expires, tenant.timezone)
        : expires;
      if (expiresAt === null) throw new ValidationError({ expires: `"${expires}" is not a date.` });
      const { token, key } = await tenancy.pool.use(tenant.database, (db) =>
        issueApiKey(tenancy.kv, db, {
          tenantId: tenant.id,
          name: String(o.name),
          role: String(o.role) as Role,
          expiresAt,
        }, OPERATOR));
      return {
        token,
        studio: tenant.slug,
        ...summary(key),
        note: "Store the token now: it is not shown again.",
      };
    }),
};

export const apiKeyList: AdminCommand = {
  name: "apikey:list",
  summary: "List a studio's API keys, newest first",
  options: { studio: { type: "string", description: "the studio's slug", required: true } },
  run: (o: Options) =>
    withTenancy(async (tenancy) => {
      const tenant = await studioBySlug(tenancy, o.studio);
      return (await listApiKeys(tenancy.kv, tenant.id)).map(summary);
    }),
};

export const apiKeyRevoke: AdminCommand = {
  name: "apikey:revoke",
  summary: "Revoke a studio's API key: its next request is refused",
  options: {
    studio: { type: "string", description: "the studio's slug", required: true },
    id: { type: "string", description: "the key's id (key_…), from apikey:list", required: true },
  },
  run: (o: Options) =>
    withTenancy(async (tenancy) => {
      const tenant = await studioBySlug(tenancy, o.studio);
      const key = await tenancy.pool.use(
        tenant.database,
        (db) => revokeApiKey(tenancy.kv, db, { tenantId: tenant.id, id: String(o.id) }, OPERATOR),
      );
      return summary(key);
    }),
};

export const API_KEY_COMMANDS: AdminCommand[] = [apiKeyCreate, apiKeyList, apiKeyRevoke];
