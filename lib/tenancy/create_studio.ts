import type { AuditEntry } from "../audit/audit.ts";
import { checkOwner, type NewOwner } from "../auth/owner.ts";
import { hashPassword } from "../auth/password.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { log } from "../http/logger.ts";
import { createMember, getStaffByEmail, joinStudio, normalizeEmail } from "../kv/staff.ts";
import { createTenant, getTenantBySlug, type Tenant } from "../kv/tenants.ts";
import { latestVersion } from "./migrations.ts";
import {
  catalogEntry,
  deleteStudio,
  type NewStudio,
  parseNewStudio,
  prepareDatabase,
  type ProvisionOptions,
} from "./provision.ts";
import type { Tenancy } from "./tenancy.ts";

export interface CreateStudioOptions extends ProvisionOptions {
  /** Who asked, for the studio's first audit row ("studio.created"); default the system. */
  actor?: AuditEntry["actor"];
  ip?: string;
}

export interface CreatedStudio {
  tenant: Tenant;
  /** The owner's staff id (an identity created now, or the existing one for that e-mail). */
  ownerId: string;
}

/** How often the final commit is retried when the catalog record changed under it (an unrelated update). */
const COMMIT_ATTEMPTS = 5;

/**
 * Creates a studio together with its owner, all or nothing from the caller's view:
 *
 * 1. every setting and the owner are checked (and a new owner's password hashed): nothing written yet;
 * 2. catalog record, status "provisioning" (claims the slug);
 * 3. database at the latest schema; 4. profile and the "studio.created" audit row, one transaction;
 * 5. THE COMMIT: one atomic KV operation writes the owner's identity (when new), their owner
 *    membership and the catalog record turned "active". Before it nobody can enter the studio and
 *    no identity or membership exists; after it everything does.
 *
 * A failure thrown at steps 2–5 rolls back what was done (database dropped, catalog record and slug
 * removed, through `deleteStudio`, which is itself resumable). A process killed before step 5
 * leaves a "provisioning" record and maybe a database, never an identity or a membership: re-running
 * with `resume` (the operator's `tenant:create`) completes it, and `resumeUnfinished` (start-up,
 * `tenant:repair`) rolls stale ones back, since without an owner nobody could ever use them.
 */
export async function createStudio(
  tenancy: Tenancy,
  input: NewStudio,
  owner: NewOwner,
  options: CreateStudioOptions = {},
): Promise<CreatedStudio> {
  const { kv } = tenancy;
  const studio = parseNewStudio(input, tenancy.regions);
  const { existing } = await checkOwner(kv, owner);
  const email = normalizeEmail(owner.email);
  const passwordHash = existing ? undefined : await hashPassword(owner.password!);

  const found = await getTenantBySlug(kv, studio.slug);
  if (found && (found.status !== "provisioning" || options.resume === false)) {
    throw new ConflictError(`The slug "${studio.slug}" is already taken by another studio.`, [{
      slug: studio.slug,
    }]);
  }
  let tenant = found ?? await createTenant(kv, catalogEntry(tenancy, studio));
  try {
    if (!found) await options.afterStep?.("catalog-written");
    tenant = await prepareDatabase(tenancy, tenant, {
      afterStep: options.afterStep,
      firstAudit: {
        actor: options.actor ?? { type: "system", label: "tenant:create" },
        action: "studio.created",
        entity: { type: "studio", id: tenant.id },
        changes: { owner: { after: email } },
        ip: options.ip,
      },
    });
    const created = await commitOwner(tenancy, tenant.id, {
      email,
      name: owner.name?.trim() || email.split("@")[0],
      passwordHash,
    });
    tenancy.lookup.forget(created.tenant);
    return created;
  } catch (err) {
    await rollBack(tenancy, tenant.id);
    throw err;
  }
}

/**
 * Step 5: owner identity (if new) + owner membership + the record turned "active", in one atomic
 * KV operation (the membership functions' `alsoIn`), checked against the record as read.
 */
async function commitOwner(
  tenancy: Tenancy,
  tenantId: string,
  owner: { email: string; name: string; passwordHash?: string },
): Promise<CreatedStudio> {
  const { kv } = tenancy;
  for (let attempt = 1; attempt <= COMMIT_ATTEMPTS; attempt++) {
    // The catalog's own key shape (lib/kv/tenants.ts): read here so its change joins the commit.
    const entry = await kv.get<Tenant>(["tenants", tenantId]);
    if (entry.value?.status !== "provisioning") {
      throw new ConflictError(
        `Studio ${tenantId} is no longer being created (${entry.value?.status ?? "removed"}).`,
        [{ tenantId }],
      );
    }
    const active: Tenant = {
      ...entry.value,
      status: "active",
      schemaVersion: latestVersion(tenancy.migrations),
      updatedAt: new Date().toISOString(),
    };
    const alsoIn = (operation: Deno.AtomicOperation) => operation.check(entry).set(entry.key, active);
    const identity = await getStaffByEmail(kv, owner.email);
    const joined = identity
      ? await joinStudio(kv, tenantId, identity.id, "owner", { alsoIn })
      : await createMember(kv, owner, tenantId, "owner", alsoIn);
    if (joined) return { tenant: active, ownerId: joined.staff.id };
  }
  throw new ConflictError(`Studio ${tenantId} kept changing while its owner was being added; try again.`);
}

/** Undoes steps 2–4 unless the commit landed after all (an error after a successful write). */
async function rollBack(tenancy: Tenancy, tenantId: string): Promise<void> {
  try {
    const current = (await tenancy.kv.get<Tenant>(["tenants", tenantId])).value;
    if (!current || current.status === "active") return;
    await deleteStudio(tenancy, tenantId);
  } catch (error) {
    if (error instanceof NotFoundError) return;
    // The record is "deleting" or still "provisioning": resumeUnfinished finishes the job.
    log.error("rolling back a studio that failed to be created did not finish", { tenantId, error });
  }
}
