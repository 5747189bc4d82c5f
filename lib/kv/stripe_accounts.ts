/**
 * Which studio a Stripe connected account belongs to: Connect events arrive at one platform webhook
 * and name only the account, so this is how an event finds its studio (and its database). Written
 * when a studio starts onboarding; the reconciliation job lists it to find studios taking payments.
 *
 * Key shape:
 *
 *   ["stripe_accounts", accountId] → tenantId
 */
import { deleteListed } from "./batch_delete.ts";

const key = (accountId: string): Deno.KvKey => ["stripe_accounts", accountId];

export async function mapStripeAccount(kv: Deno.Kv, accountId: string, tenantId: string): Promise<void> {
  await kv.set(key(accountId), tenantId);
}

/** The studio paid into `accountId`, or null when the account is not one of ours. */
export async function tenantOfStripeAccount(kv: Deno.Kv, accountId: string): Promise<string | null> {
  if (!/^acct_\w{1,64}$/.test(accountId)) return null;
  return (await kv.get<string>(key(accountId))).value;
}

/** Every mapped account and its studio. */
export async function listStripeAccounts(kv: Deno.Kv): Promise<{ accountId: string; tenantId: string }[]> {
  const accounts: { accountId: string; tenantId: string }[] = [];
  for await (const entry of kv.list<string>({ prefix: ["stripe_accounts"] })) {
    accounts.push({ accountId: String(entry.key[1]), tenantId: entry.value });
  }
  return accounts;
}

/**
 * Forgets which connected accounts paid into a deleted studio; Connect events for them then find no
 * studio. One entry per studio that onboarded, so the whole (small) map is read.
 */
export async function forgetStudioStripeAccounts(kv: Deno.Kv, tenantId: string): Promise<number> {
  return await deleteListed<string>(
    kv,
    ["stripe_accounts"],
    (entry) => entry.value === tenantId ? [entry.key] : [],
  );
}
