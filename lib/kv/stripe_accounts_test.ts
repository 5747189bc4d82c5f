import assert from "node:assert/strict";
import { listStripeAccounts, mapStripeAccount, tenantOfStripeAccount } from "./stripe_accounts.ts";

Deno.test("a connected account leads to its studio; an unknown or malformed one to none", async () => {
  await using kv = await Deno.openKv(":memory:");
  await mapStripeAccount(kv, "acct_1North", "t_north");
  await mapStripeAccount(kv, "acct_2South", "t_south");
  assert.equal(await tenantOfStripeAccount(kv, "acct_1North"), "t_north");
  assert.equal(await tenantOfStripeAccount(kv, "acct_unknown"), null);
  assert.equal(await tenantOfStripeAccount(kv, "../acct_1North"), null);
  assert.deepEqual(await listStripeAccounts(kv), [
    { accountId: "acct_1North", tenantId: "t_north" },
    { accountId: "acct_2South", tenantId: "t_south" },
  ]);
});
