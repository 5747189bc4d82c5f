import { type ActingAs, type AuditEntry, recordAudit } from "../audit/audit.ts";
import { PERMISSIONS } from "../auth/permissions.ts";
import { ValidationError } from "../errors.ts";
import { startOfZonedDay } from "../i18n/zoned.ts";
import { type ApiKey, createApiKey, deleteApiKey, revokeApiKey as revokeKey } from "../kv/api_keys.ts";
import { type Role, ROLES } from "../kv/staff.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

export interface IssueApiKey {
  tenantId: string;
  name: string;
  role: Role;
  /** ISO instant; absent = never expires. */
  expiresAt?: string;
  /** The role of the staff member creating the key; an operator's command passes none. */
  grantorRole?: Role;
}

/**
 * The roles a staff member with `role` may give a key: those whose every permission they hold
 * themselves, so a key never lifts anyone above their own role (an admin cannot mint an owner key).
 */
export function grantableRoles(role: Role): Role[] {
  const matrix = Object.values(PERMISSIONS) as readonly (readonly Role[])[];
  return ROLES.filter((candidate) =>
    matrix.every((roles) => !roles.includes(candidate) || roles.includes(role))
  );
}

/**
 * The expiry of a key "valid through" `date` (YYYY-MM-DD): the instant the next day begins on the
 * studio's clocks, as an ISO string; null for a malformed date.
 */
export function expiryAfterDay(date: string, timeZone: string): string | null {
  if (!startOfZonedDay(date, timeZone)) return null;
  const [y, m, d] = date.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return startOfZonedDay(next, timeZone)!.toISOString();
}

/**
 * Creates a key and audits `apikey.created` in the studio's database. A role above the grantor's is
 * a field error. The audit row and the key stand or fall together: KV and the studio's database
 * share no transaction, so if the row cannot be written the key is deleted before the error surfaces.
 */
export async function issueApiKey(
  kv: Deno.Kv,
  db: TenantDb,
  input: IssueApiKey,
  acting: ActingAs,
): Promise<{ token: string; key: ApiKey }> {
  if (
    input.grantorRole && ROLES.includes(input.role) && !grantableRoles(input.grantorRole).includes(input.role)
  ) {
    throw new ValidationError({
      role: "You can only give a key a role whose permissions you have yourself.",
    });
  }
  let created: { token: string; key: ApiKey } | undefined;
  try {
    return await db.transaction(async (tx) => {
      created = await createApiKey(kv, { ...input, createdBy: acting.actor });
      const { key } = created;
      await recordAudit(tx, {
        ...auditOf("apikey.created", key, acting),
        changes: {
          name: { after: key.name },
          role: { after: key.role },
          ...(key.expiresAt ? { expiresAt: { after: key.expiresAt } } : {}),
        },
      });
      return created;
    });
  } catch (err) {
    if (created) await deleteApiKey(kv, created.key);
    throw err;
  }
}

/**
 * Revokes a key and audits `apikey.revoked`; revoking it again records nothing. The revocation is
 * made inside the audit transaction: should the commit fail afterwards, the key stays revoked
 * without its row, the safe way round for a credential.
 */
export async function revokeApiKey(
  kv: Deno.Kv,
  db: TenantDb,
  input: { tenantId: string; id: string },
  acting: ActingAs,
): Promise<ApiKey> {
  return await db.transaction(async (tx) => {
    const { key, changed } = await revokeKey(kv, input.tenantId, input.id, acting.actor);
    if (changed) await recordAudit(tx, auditOf("apikey.revoked", key, acting));
    return key;
  });
}

function auditOf(action: string, key: ApiKey, acting: ActingAs): AuditEntry {
  return {
    actor: acting.actor,
    action,
    entity: { type: "api_key", id: key.id },
    ip: acting.ip,
    userAgent: acting.userAgent,
  };
}
