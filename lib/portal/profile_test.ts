import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { clients, portalAccounts } from "../../db/schema/mod.ts";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { verifyPassword } from "../auth/password.ts";
import { ClientInputError } from "../clients/client_input.ts";
import { ConflictError, RateLimitedError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import { issuePortalLink } from "../kv/portal_links.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { signInWithLink } from "./accounts.ts";
import {
  PORTAL_SIGN_IN_PER_ACCOUNT,
  PortalSignInRefused,
  removePortalPassword,
  setPortalPassword,
  signInWithPassword,
} from "./portal_password.ts";
import {
  type AccountRef,
  clientProfile,
  confirmEmailChange,
  EMAIL_CHANGE_LIMIT,
  requestEmailChange,
  updateProfile,
} from "./profile.ts";

const TENANT = "ten_1";
const PASSWORD = "violet tram orchestra 42";

async function rejection<E>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof type, `expected ${type.name}, got ${err}`);
  return err as E;
}

/** Nina, a client with a portal account signed in as nina@example.com, and a fresh KV. */
async function nina(db: TenantDb, fields: Partial<typeof clients.$inferInsert> = {}) {
  const client = await insertClient(db, { name: "Nina Simone", email: "nina@example.com", ...fields });
  const accountId = newId("pac");
  await db.insert(portalAccounts).values({ id: accountId, clientId: client.id, email: "nina@example.com" });
  const account: AccountRef = { tenantId: TENANT, accountId, clientId: client.id, email: "nina@example.com" };
  const acting: ActingAs = { actor: { type: "client", id: client.id, label: "nina@example.com" } };
  return { client, account, acting };
}

async function withKv(fn: (kv: Deno.Kv) => Promise<void>) {
  const kv = await Deno.openKv(":memory:");
  try {
    await fn(kv);
  } finally {
    kv.close();
  }
}

Deno.test("a client saves their own details; the audit row names the client and what changed", async () => {
  await withStudioDb(async (db) => {
    const { client, acting } = await nina(db, { phone: "+33 1 23 45 67 89" });
    const before = await clientProfile(db, client.id);
    const saved = await updateProfile(
      db,
      client.id,
      {
        ...before,
        artistName: "  The High Priestess ",
        city: "Paris",
        country: "fr",
        locale: "fr",
      },
      before.version,
      acting,
    );
    assert.equal(saved.artistName, "The High Priestess");
    assert.equal(saved.country, "FR");
    assert.equal(saved.version, before.version + 1);
    const [audit] = await listAudit(db, { action: "client.updated" });
    assert.equal(audit.actorType, "client");
    assert.equal(audit.actorId, client.id);
    assert.deepEqual(Object.keys(audit.changes ?? {}).toSorted(), [
      "artistName",
      "city",
      "country",
      "locale",
    ]);
    // Only what a client may edit: the e-mail and kind are left alone whatever the input holds.
    const [row] = await db.select().from(clients).where(eq(clients.id, client.id));
    assert.equal(row.email, "nina@example.com");
  });
});

Deno.test("bad details come back by field, and an edit from a stale page is a conflict", async () => {
  await withStudioDb(async (db) => {
    const { client, acting } = await nina(db);
    const profile = await clientProfile(db, client.id);
    const err = await rejection(
      updateProfile(
        db,
        client.id,
        { ...profile, name: " ", phone: "call me", locale: "de" },
        profile.version,
        acting,
      ),
      ClientInputError,
    );
    assert.deepEqual(Object.keys(err.fields).toSorted(), ["locale", "name", "phone"]);
    await updateProfile(db, client.id, { ...profile, city: "Lyon" }, profile.version, acting);
    await rejection(
      updateProfile(db, client.id, { ...profile, city: "Nice" }, profile.version, acting),
      ConflictError,
    );
    assert.equal((await clientProfile(db, client.id)).city, "Lyon");
  });
});

Deno.test("the sign-in e-mail changes only when the link sent to the new address is used by the same account", async () => {
  await withStudioDb(async (db) => {
    await withKv(async (kv) => {
      const { client, account, acting } = await nina(db);
      const token = await requestEmailChange(db, kv, account, "  Nina.New@Example.com ");
      assert.ok(token);
      const [unchanged] = await db.select().from(portalAccounts).where(
        eq(portalAccounts.id, account.accountId),
      );
      assert.equal(unchanged.email, "nina@example.com", "nothing changes before the link is used");

      // Another account cannot use it, and the link still works for Nina afterwards.
      const stranger = { ...account, accountId: "pac_stranger" };
      assert.deepEqual(await confirmEmailChange(db, kv, stranger, token, acting), { status: "invalid" });
      const second = (await requestEmailChange(db, kv, account, "nina.new@example.com"))!;

      const outcome = await confirmEmailChange(db, kv, account, second, acting);
      assert.deepEqual(outcome, {
        status: "changed",
        before: "nina@example.com",
        after: "nina.new@example.com",
        clientEmailChanged: true,
      });
      const [row] = await db.select().from(portalAccounts).where(eq(portalAccounts.id, account.accountId));
      assert.equal(row.email, "nina.new@example.com");
      assert.ok(row.emailVerifiedAt);
      const [record] = await db.select().from(clients).where(eq(clients.id, client.id));
      assert.equal(record.email, "nina.new@example.com", "the main address followed the sign-in address");
      const [audit] = await listAudit(db, { action: "portal_account.email_changed" });
      assert.equal(audit.actorType, "client");
      assert.deepEqual(audit.changes?.portalEmail, {
        before: "nina@example.com",
        after: "nina.new@example.com",
      });
      assert.deepEqual(
        await confirmEmailChange(db, kv, account, second, acting),
        { status: "invalid" },
        "single use",
      );
    });
  });
});

Deno.test("a change link is not a sign-in link, and a sign-in link does not change an address", async () => {
  await withStudioDb(async (db) => {
    await withKv(async (kv) => {
      const { account, acting } = await nina(db);
      const change = (await requestEmailChange(db, kv, account, "new@example.com"))!;
      assert.equal(await signInWithLink(db, kv, TENANT, change), null);
      const signIn = await issuePortalLink(kv, {
        tenantId: TENANT,
        email: "new@example.com",
        clientId: account.clientId,
      });
      assert.deepEqual(await confirmEmailChange(db, kv, account, signIn, acting), { status: "invalid" });
      // Neither attempt used the other's link up.
      assert.equal((await confirmEmailChange(db, kv, account, change, acting)).status, "changed");
    });
  });
});

Deno.test("an address another account signs in with gets no link, and the page cannot tell", async () => {
  await withStudioDb(async (db) => {
    await withKv(async (kv) => {
      const { account } = await nina(db);
      const other = await insertClient(db, { name: "Other", email: "taken@example.com" });
      await db.insert(portalAccounts).values({
        id: newId("pac"),
        clientId: other.id,
        email: "taken@example.com",
      });
      assert.equal(await requestEmailChange(db, kv, account, "taken@example.com"), null);
      const same = await rejection(requestEmailChange(db, kv, account, "NINA@example.com"), ClientInputError);
      assert.deepEqual(Object.keys(same.fields), ["email"]);
      await rejection(requestEmailChange(db, kv, account, "not an address"), ClientInputError);
    });
  });
});

Deno.test("a client whose main e-mail is another address keeps it when the sign-in address changes", async () => {
  await withStudioDb(async (db) => {
    await withKv(async (kv) => {
      const { client, account, acting } = await nina(db, { email: "label@example.com" });
      const token = (await requestEmailChange(db, kv, account, "nina2@example.com"))!;
      const outcome = await confirmEmailChange(db, kv, account, token, acting);
      assert.equal(outcome.status === "changed" && outcome.clientEmailChanged, false);
      const [record] = await db.select().from(clients).where(eq(clients.id, client.id));
      assert.equal(record.email, "label@example.com");
    });
  });
});

Deno.test("e-mail change links are rate limited per account", async () => {
  await withStudioDb(async (db) => {
    await withKv(async (kv) => {
      const { account } = await nina(db);
      for (let i = 0; i < EMAIL_CHANGE_LIMIT.limit; i++) {
        await requestEmailChange(db, kv, account, `n${i}@example.com`);
      }
      await rejection(requestEmailChange(db, kv, account, "late@example.com"), RateLimitedError);
    });
  });
});

Deno.test("a password set under the staff rules signs in; a wrong one, an unknown address or a disabled account get one refusal", async () => {
  await withStudioDb(async (db) => {
    await withKv(async (kv) => {
      const { account, acting } = await nina(db);
      const attempt = { tenantId: TENANT, email: "nina@example.com", password: PASSWORD, ip: "192.0.2.1" };
      await rejection(signInWithPassword(db, kv, attempt), PortalSignInRefused);

      const weak = await rejection(
        setPortalPassword(db, account.accountId, { password: "password", confirm: "password" }, acting),
        ClientInputError,
      );
      assert.equal(weak.problems.password.id, "portal_account.password.too_short");
      const named = await rejection(
        setPortalPassword(
          db,
          account.accountId,
          { password: "nina is the best singer", confirm: "x" },
          acting,
        ),
        ClientInputError,
      );
      assert.equal(named.problems.password.id, "portal_account.password.contains_email");
      const mismatch = await rejection(
        setPortalPassword(db, account.accountId, { password: PASSWORD, confirm: PASSWORD + "!" }, acting),
        ClientInputError,
      );
      assert.deepEqual(Object.keys(mismatch.fields), ["confirm"]);

      assert.equal(
        await setPortalPassword(db, account.accountId, { password: PASSWORD, confirm: PASSWORD }, acting),
        "set",
      );
      const [stored] = await db.select().from(portalAccounts).where(eq(portalAccounts.id, account.accountId));
      assert.match(stored.passwordHash!, /^\$argon2id\$/);
      assert.ok(await verifyPassword(PASSWORD, stored.passwordHash!));

      const signedIn = await signInWithPassword(db, kv, { ...attempt, email: " NINA@example.com " });
      assert.equal(signedIn.id, account.accountId);
      assert.ok(signedIn.lastSignInAt);

      const wrong = await rejection(
        signInWithPassword(db, kv, { ...attempt, password: "wrong" }),
        PortalSignInRefused,
      );
      const unknown = await rejection(
        signInWithPassword(db, kv, { ...attempt, email: "nobody@example.com" }),
        PortalSignInRefused,
      );
      assert.deepEqual(wrong.fields, unknown.fields, "the same answer whether or not the address exists");

      await db.update(portalAccounts).set({ disabledAt: new Date() }).where(
        eq(portalAccounts.id, account.accountId),
      );
      await rejection(signInWithPassword(db, kv, attempt), PortalSignInRefused);

      const actions = (await listAudit(db, {})).map((a) => a.action);
      assert.ok(actions.includes("portal_account.password_set"));
      assert.ok(!JSON.stringify(await listAudit(db, {})).includes("argon2"), "no hash in the audit log");
    });
  });
});

Deno.test("a removed password no longer signs in; changing it replaces the old one", async () => {
  await withStudioDb(async (db) => {
    await withKv(async (kv) => {
      const { account, acting } = await nina(db);
      const attempt = { tenantId: TENANT, email: "nina@example.com", password: PASSWORD, ip: "192.0.2.1" };
      await setPortalPassword(db, account.accountId, { password: PASSWORD, confirm: PASSWORD }, acting);
      const next = "quiet harbour lantern 7";
      assert.equal(
        await setPortalPassword(db, account.accountId, { password: next, confirm: next }, acting),
        "changed",
      );
      await rejection(signInWithPassword(db, kv, attempt), PortalSignInRefused);
      await signInWithPassword(db, kv, { ...attempt, password: next });
      assert.equal(await removePortalPassword(db, account.accountId, acting), true);
      assert.equal(
        await removePortalPassword(db, account.accountId, acting),
        false,
        "nothing left to remove",
      );
      await rejection(signInWithPassword(db, kv, { ...attempt, password: next }), PortalSignInRefused);
      const actions = (await listAudit(db, {})).map((a) => a.action);
      assert.ok(actions.includes("portal_account.password_changed"));
      assert.ok(actions.includes("portal_account.password_removed"));
    });
  });
});

Deno.test("password sign-in is refused with 429 after ten wrong guesses at one account, even with the right one", async () => {
  await withStudioDb(async (db) => {
    await withKv(async (kv) => {
      const { account, acting } = await nina(db);
      await setPortalPassword(db, account.accountId, { password: PASSWORD, confirm: PASSWORD }, acting);
      const attempt = {
        tenantId: TENANT,
        email: "nina@example.com",
        password: "wrong guess",
        ip: "192.0.2.1",
      };
      for (let i = 0; i < PORTAL_SIGN_IN_PER_ACCOUNT.limit; i++) {
        await rejection(signInWithPassword(db, kv, { ...attempt, ip: `192.0.2.${i}` }), PortalSignInRefused);
      }
      const limited = await rejection(
        signInWithPassword(db, kv, { ...attempt, password: PASSWORD }),
        RateLimitedError,
      );
      assert.equal(limited.status, 429);
    });
  });
});
