import { createReadStream, createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable, Writable } from "node:stream";
import { loadConfig } from "../config.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { configureLog } from "../http/logger.ts";
import { openKv } from "../kv/open.ts";
import { getTenantBySlug, listTenants, type Tenant, type TenantStatus, updateTenant } from "../kv/tenants.ts";
import { restoreBackup, writeBackup } from "../tenancy/backup.ts";
import { seedDemo } from "../tenancy/demo.ts";
import { tenancyFromConfig } from "../tenancy/from_config.ts";
import { migrateAll } from "../tenancy/migrate_all.ts";
import { moveStudio } from "../tenancy/move.ts";
import { createStudio } from "../tenancy/create_studio.ts";
import { deleteStudio, resumeUnfinished } from "../tenancy/provision.ts";
import { studioUrl } from "../tenancy/studio_url.ts";
import type { Tenancy } from "../tenancy/tenancy.ts";
import { type AdminCommand, PartialFailure } from "./cli.ts";

type Options = Record<string, string | boolean | undefined>;

/** Runs `work` with the tenancy the environment configures, closed afterwards. */
export async function withTenancy<T>(
  work: (tenancy: Tenancy, config: ReturnType<typeof loadConfig>) => Promise<T>,
) {
  const config = loadConfig();
  configureLog("warn");
  const kv = await openKv(config.kvUrl);
  try {
    await using tenancy = await tenancyFromConfig(config, kv);
    return await work(tenancy, config);
  } finally {
    kv.close();
  }
}

export async function studioBySlug(tenancy: Tenancy, slug: unknown): Promise<Tenant> {
  const tenant = await getTenantBySlug(tenancy.kv, String(slug));
  if (!tenant) throw new NotFoundError(`No studio with slug "${slug}".`);
  return tenant;
}

/** What operators see of a studio: no database credentials. */
const summary = (tenant: Tenant) => ({
  id: tenant.id,
  slug: tenant.slug,
  name: tenant.name,
  status: tenant.status,
  region: tenant.region,
  driver: tenant.database.driver,
  database: tenant.database.name,
  schemaVersion: tenant.schemaVersion,
  plan: tenant.plan,
  customDomains: tenant.customDomains,
  createdAt: tenant.createdAt,
});

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

export const tenantCreate: AdminCommand = {
  name: "tenant:create",
  summary: "Create a studio with its own database (resumes one left half-created)",
  options: {
    name: { type: "string", description: "the studio's display name", required: true },
    slug: { type: "string", description: "its address: <slug>.<BASE_DOMAIN> or /s/<slug>/", required: true },
    region: { type: "string", description: "one of REGIONS; default from --country, then DEFAULT_REGION" },
    country: { type: "string", description: "ISO country code, e.g. FR" },
    currency: { type: "string", description: "ISO currency, default EUR" },
    timezone: { type: "string", description: "IANA time zone, default Europe/Paris" },
    locale: { type: "string", description: "language tag, default en" },
    plan: { type: "string", description: "billing plan, default free" },
    "owner-email": {
      type: "string",
      description: "the owner's e-mail (an existing identity is reused)",
      required: true,
    },
    "owner-password": { type: "string", description: "the owner's password, when the identity is new" },
    "owner-name": { type: "string", description: "the owner's name, when the identity is new" },
  },
  run: (o: Options) =>
    withTenancy(async (tenancy, config) => {
      const owner = {
        email: String(o["owner-email"]),
        password: str(o["owner-password"]),
        name: str(o["owner-name"]),
      };
      // All or nothing: the owner is added in the same atomic write that activates the studio, and
      // a failure rolls back what was done; a run killed half-way is completed by running it again.
      const { tenant } = await createStudio(
        tenancy,
        {
          name: String(o.name),
          slug: String(o.slug),
          region: str(o.region),
          country: str(o.country)?.toUpperCase(),
          currency: str(o.currency)?.toUpperCase() ?? "EUR",
          timezone: str(o.timezone) ?? "Europe/Paris",
          locale: str(o.locale) ?? "en",
          plan: str(o.plan),
        },
        owner,
        { resume: true, actor: { type: "system", label: "tenant:create" } },
      );
      return {
        ...summary(tenant),
        owner: owner.email.trim().toLowerCase(),
        url: studioUrl(config, tenant.slug),
      };
    }),
};

export const tenantList: AdminCommand = {
  name: "tenant:list",
  summary: "List studios, optionally by status",
  options: { status: { type: "string", description: "provisioning, active, suspended or deleting" } },
  run: (o: Options) =>
    withTenancy(async (tenancy) => {
      const status = str(o.status) as TenantStatus | undefined;
      const all: ReturnType<typeof summary>[] = [];
      let cursor: string | undefined;
      do {
        const page = await listTenants(tenancy.kv, { status, cursor, limit: 1000 });
        all.push(...page.tenants.map(summary));
        cursor = page.cursor;
      } while (cursor);
      return all;
    }),
};

export const tenantMigrate: AdminCommand = {
  name: "tenant:migrate",
  summary: "Apply pending migrations to every studio (--all) or one (--slug); safe to re-run",
  options: {
    all: { type: "boolean", description: "every active and suspended studio" },
    slug: { type: "string", description: "only this studio" },
    concurrency: { type: "string", description: "studios migrated at once; default MIGRATE_CONCURRENCY" },
  },
  run: (o: Options) =>
    withTenancy(async (tenancy) => {
      if (!o.all === !o.slug) throw new ValidationError({ all: "Give either --all or --slug." });
      const concurrency = o.concurrency === undefined ? undefined : Number(o.concurrency);
      if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
        throw new ValidationError({ concurrency: "--concurrency is a whole number of at least 1." });
      }
      const report = await migrateAll(tenancy, { concurrency, slugs: o.slug ? [String(o.slug)] : undefined });
      if (report.failed.length > 0) {
        throw new PartialFailure(
          `${report.failed.length} studio(s) failed to migrate; fix them and run again`,
          report,
        );
      }
      return report;
    }),
};

function statusCommand(
  name: string,
  summaryText: string,
  from: TenantStatus,
  to: TenantStatus,
): AdminCommand {
  return {
    name,
    summary: summaryText,
    options: { slug: { type: "string", description: "the studio", required: true } },
    run: (o: Options) =>
      withTenancy(async (tenancy) => {
        const tenant = await studioBySlug(tenancy, o.slug);
        if (tenant.status !== from) {
          throw new ValidationError({ slug: `"${tenant.slug}" is ${tenant.status}, not ${from}.` });
        }
        return summary(await updateTenant(tenancy.kv, tenant.id, { status: to }));
      }),
  };
}

export const tenantSuspend = statusCommand(
  "tenant:suspend",
  "Suspend a studio: its pages answer 'unavailable', its data is kept",
  "active",
  "suspended",
);
export const tenantResume = statusCommand(
  "tenant:resume",
  "Bring a suspended studio back",
  "suspended",
  "active",
);

export const tenantDelete: AdminCommand = {
  name: "tenant:delete",
  summary: "Delete a studio, its database and its records in KV, after confirmation",
  options: {
    slug: { type: "string", description: "the studio", required: true },
    confirm: { type: "string", description: "the slug again, to confirm without a prompt" },
  },
  run: (o: Options) =>
    withTenancy(async (tenancy) => {
      const tenant = await studioBySlug(tenancy, o.slug);
      const typed = str(o.confirm) ??
        (Deno.stdin.isTerminal()
          ? prompt(
            `This deletes "${tenant.name}" and all its data. Type the slug (${tenant.slug}) to confirm:`,
          )
          : null);
      if (typed !== tenant.slug) {
        throw new ValidationError({ confirm: "Not confirmed: pass --confirm with the studio's slug." });
      }
      await deleteStudio(tenancy, tenant.id);
      return { deleted: tenant.slug };
    }),
};

export const tenantBackup: AdminCommand = {
  name: "tenant:backup",
  summary: "Write a portable backup of a studio's database to a file",
  options: {
    slug: { type: "string", description: "the studio", required: true },
    out: { type: "string", description: "the file to write (gzip NDJSON)", required: true },
  },
  run: (o: Options) =>
    withTenancy(async (tenancy) => {
      const tenant = await studioBySlug(tenancy, o.slug);
      const path = String(o.out);
      try {
        const out = Writable.toWeb(createWriteStream(path, { flags: "wx" })) as WritableStream<Uint8Array>;
        const result = await tenancy.pool.use(
          tenant.database,
          (db) => writeBackup(db, out, { tenantId: tenant.id, slug: tenant.slug }),
        );
        return {
          file: path,
          schemaVersion: result.header.schemaVersion,
          rows: result.rows,
          tables: result.tables,
        };
      } catch (err) {
        // Never leave a partial file that looks like a backup (an existing file is not ours to remove).
        if (!(err instanceof Error && "code" in err && err.code === "EEXIST")) {
          await rm(path, { force: true });
        }
        throw err;
      }
    }),
};

export const tenantRestore: AdminCommand = {
  name: "tenant:restore",
  summary: "Restore a backup into a studio (all or nothing; --replace to overwrite its data)",
  options: {
    slug: { type: "string", description: "the studio to restore into (create it first)", required: true },
    in: { type: "string", description: "the backup file", required: true },
    replace: { type: "boolean", description: "delete the studio's current data first" },
  },
  run: (o: Options) =>
    withTenancy(async (tenancy) => {
      const tenant = await studioBySlug(tenancy, o.slug);
      const input = Readable.toWeb(createReadStream(String(o.in))) as ReadableStream<Uint8Array>;
      const result = await tenancy.pool.use(
        tenant.database,
        (db) => restoreBackup(db, input, { replace: o.replace === true }),
      );
      return { restored: tenant.slug, from: result.header.slug, rows: result.rows, tables: result.tables };
    }),
};

export const tenantMove: AdminCommand = {
  name: "tenant:move",
  summary: "Move a studio's database to another region (suspended while its data is copied)",
  options: {
    slug: { type: "string", description: "the studio", required: true },
    region: { type: "string", description: "the target region, one of REGIONS", required: true },
  },
  run: (o: Options) =>
    withTenancy(async (tenancy) => {
      const tenant = await studioBySlug(tenancy, o.slug);
      return summary(await moveStudio(tenancy, tenant.id, String(o.region)));
    }),
};

export const seedDemoCommand: AdminCommand = {
  name: "seed:demo",
  summary: "Create the demo studio if it does not exist",
  run: () =>
    withTenancy(async (tenancy, config) => {
      const { tenant, created, login } = await seedDemo(tenancy, config.dataDir);
      return {
        created,
        ...summary(tenant),
        url: studioUrl(config, tenant.slug),
        owner: login.email,
        loginFile: login.file,
      };
    }),
};

export const tenantResumeUnfinished: AdminCommand = {
  name: "tenant:repair",
  summary: "Finish studios a crash left half-created or half-deleted",
  run: () => withTenancy((tenancy) => resumeUnfinished(tenancy, 0)),
};

export const TENANT_COMMANDS: AdminCommand[] = [
  tenantCreate,
  tenantList,
  tenantMigrate,
  tenantSuspend,
  tenantResume,
  tenantDelete,
  tenantBackup,
  tenantRestore,
  tenantMove,
  tenantResumeUnfinished,
  seedDemoCommand,
];
