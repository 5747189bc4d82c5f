import { eq } from "drizzle-orm";
import { clients } from "../../db/schema/mod.ts";
import { DEFAULT_LOCALE, type Locale, matchLocale } from "../i18n/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/** Who a client e-mail goes to, and in which language. */
export interface Recipient {
  email: string;
  name: string;
  locale: Locale;
}

/** The client's own language when the record has one we speak, else the studio's, else the default. */
export function mailLocale(
  clientLocale: string | null | undefined,
  studioLocale: string | null | undefined,
): Locale {
  return (clientLocale ? matchLocale(clientLocale) : undefined) ??
    (studioLocale ? matchLocale(studioLocale) : undefined) ?? DEFAULT_LOCALE;
}

/** The client's address, name and language; null without a client or without an e-mail address. */
export async function recipientOf(
  db: Pick<TenantDb, "select">,
  clientId: string | null | undefined,
  studioLocale: string,
): Promise<Recipient | null> {
  if (!clientId) return null;
  const [client] = await db.select({ email: clients.email, name: clients.name, locale: clients.locale })
    .from(clients).where(eq(clients.id, clientId));
  const email = client?.email?.trim();
  if (!email) return null;
  return { email, name: client.name, locale: mailLocale(client.locale, studioLocale) };
}

/** Whether a client can be e-mailed: what staff checkboxes default to. */
export async function hasEmail(
  db: Pick<TenantDb, "select">,
  clientId: string | null | undefined,
): Promise<boolean> {
  return (await recipientOf(db, clientId, DEFAULT_LOCALE)) !== null;
}
