/**
 * The catalogue: what the studio sells besides booked time (mixing per track, mastering, a USB master),
 * each with its unit, its price in its currency and the taxes a line made from it carries.
 */
import { and, asc, eq, ilike, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { services } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { SERVICE_UNITS } from "./document_input.ts";
import { isActiveCurrency, parseAmount } from "./currency.ts";
import { requireActiveTaxRates } from "./tax_rates.ts";

export type Service = typeof services.$inferSelect;

type Tx = Parameters<Parameters<TenantDb["transaction"]>[0]>[0];
/** A database or an open transaction. */
type Db = TenantDb | Tx;

/** What a service is written from. The price is text as a person typed it, in `currency`. */
export interface ServiceInput {
  name: string;
  description?: string | null;
  unit: string;
  /** "120", "1 234,50": read with parseAmount in the reader's locale. */
  unitPrice: string;
  currency: string;
  /** Levied in this order on a line made from the service. */
  taxRateIds?: string[];
}

export interface ServiceOptions {
  /** The locale the price was typed in: settles "1,234" (en: 1234; fr: 1.234). */
  locale?: string;
}

const serviceSchema = z.object({
  name: z.string({ error: "Give the service a name, such as Mastering." }).trim()
    .min(1, "Give the service a name, such as Mastering.").max(200, "At most 200 characters."),
  description: z.string().trim().max(1000, "At most 1000 characters.").nullish().transform((v) => v || null),
  unit: z.enum(SERVICE_UNITS, { error: "Choose hour, half day, day or item." }),
  unitPrice: z.string({ error: "Enter a price." }),
  currency: z.string({ error: "Choose a currency." }).trim().toUpperCase().refine(
    isActiveCurrency,
    "Choose a currency from the list.",
  ),
  taxRateIds: z.array(z.string()).default([]),
});

/** Validated input; taxes must be active unless the service already had them (`kept`). */
async function parseServiceInput(
  db: Db,
  input: ServiceInput,
  options: ServiceOptions,
  kept: readonly string[] = [],
) {
  const data = parseInput(serviceSchema, input);
  const unitPrice = parseAmount(data.unitPrice, data.currency, {
    locale: options.locale,
    field: "unitPrice",
  });
  const taxRateIds = [...new Set(data.taxRateIds.map((id) => id.trim()).filter(Boolean))];
  if (taxRateIds.length > 5) throw new ValidationError({ taxRateIds: "Choose at most 5 taxes." });
  await requireActiveTaxRates(db, taxRateIds.filter((id) => !kept.includes(id)), "taxRateIds");
  return { ...data, unitPrice, taxRateIds };
}

const audited = (s: Service) => ({
  name: s.name,
  description: s.description,
  unit: s.unit,
  unitPrice: s.unitPrice,
  currency: s.currency,
  taxRateIds: s.taxRateIds,
});

export interface ServiceFilter {
  /** Part of the name, any case. */
  search?: string;
  includeArchived?: boolean;
}

/** Catalogue services by name (archived last, and only when asked), optionally those whose name matches. */
export async function listServices(db: Db, filter: ServiceFilter = {}): Promise<Service[]> {
  const search = filter.search?.trim();
  const pattern = search ? `%${search.replace(/[\\%_]/g, "\\$&")}%` : undefined;
  return await db.select().from(services)
    .where(and(
      filter.includeArchived ? undefined : isNull(services.archivedAt),
      pattern ? ilike(services.name, pattern) : undefined,
    ))
    .orderBy(sql`${services.archivedAt} IS NOT NULL`, asc(services.name), asc(services.id));
}

/** A service, archived or not; NotFoundError when there is none with that id. */
export async function getService(db: Db, id: string): Promise<Service> {
  const [row] = await db.select().from(services).where(eq(services.id, id));
  if (!row) throw new NotFoundError("No service with this id.");
  return row;
}

/**
 * Adds a service to the catalogue, audited as `service.created`.
 *
 * ```ts
 * await createService(db, { name: "Mastering", unit: "item", unitPrice: "90", currency: "EUR" }, acting);
 * ```
 */
export async function createService(
  db: TenantDb,
  input: ServiceInput,
  acting: ActingAs,
  options: ServiceOptions = {},
): Promise<Service> {
  return await db.transaction(async (tx) => {
    const data = await parseServiceInput(tx, input, options);
    const now = new Date();
    const [row] = await tx.insert(services).values({
      id: newId("svc"),
      ...data,
      createdAt: now,
      updatedAt: now,
    })
      .returning();
    await recordAudit(tx, {
      ...acting,
      action: "service.created",
      entity: { type: "service", id: row.id },
      changes: changedFields(null, audited(row)),
    });
    return row;
  });
}

/**
 * Changes a service, audited as `service.updated` with what changed. Lines already made from it keep
 * their description, price and taxes.
 */
export async function updateService(
  db: TenantDb,
  id: string,
  input: ServiceInput,
  acting: ActingAs,
  options: ServiceOptions = {},
): Promise<Service> {
  return await db.transaction(async (tx) => {
    const [before] = await tx.select().from(services).where(eq(services.id, id)).for("update");
    if (!before) throw new NotFoundError("No service with this id.");
    // A service may keep a tax archived since it was chosen; only newly added ones must be active.
    const data = await parseServiceInput(tx, input, options, before.taxRateIds);
    const [row] = await tx.update(services).set({ ...data, updatedAt: new Date() })
      .where(eq(services.id, id)).returning();
    const changes = changedFields(audited(before), audited(row));
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, {
        ...acting,
        action: "service.updated",
        entity: { type: "service", id },
        changes,
      });
    }
    return row;
  });
}

/** Takes a service out of the catalogue (`service.archived`); documents that used it keep their lines. */
export async function archiveService(db: TenantDb, id: string, acting: ActingAs): Promise<Service> {
  return await setArchived(db, id, true, acting);
}

/** Puts an archived service back in the catalogue (`service.restored`). */
export async function restoreService(db: TenantDb, id: string, acting: ActingAs): Promise<Service> {
  return await setArchived(db, id, false, acting);
}

async function setArchived(db: TenantDb, id: string, archive: boolean, acting: ActingAs) {
  return await db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx.update(services)
      .set({ archivedAt: archive ? now : null, updatedAt: now })
      .where(and(eq(services.id, id), archive ? isNull(services.archivedAt) : isNotNull(services.archivedAt)))
      .returning();
    if (!row) return await getService(tx, id);
    await recordAudit(tx, {
      ...acting,
      action: archive ? "service.archived" : "service.restored",
      entity: { type: "service", id },
    });
    return row;
  });
}
