// Bookable offers on a real studio database: validation by field, rooms and engineer checked, stale
// edits refused, every write audited.
import assert from "node:assert/strict";
import { listAudit } from "../audit/audit.ts";
import type { ActingAs } from "../audit/audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { insertEngineer, insertRoom, withStudioDb } from "../testing/scheduling_fixtures.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { createOffer, getOffer, listOffers, type OfferInput, setOfferActive, updateOffer } from "./offers.ts";
import { DEFAULT_POLICY } from "./policy.ts";

const acting: ActingAs = { actor: { type: "staff", id: "staff_1", label: "owner@example.com" } };

async function vocalOffer(db: TenantDb, changes: Partial<OfferInput> = {}): Promise<OfferInput> {
  const room = await insertRoom(db);
  return {
    name: "Vocal recording — 4 h with engineer",
    roomIds: [room.id],
    durations: [{ minutes: 240, price: 40_000 }, { minutes: 480, price: 72_000 }],
    policy: DEFAULT_POLICY,
    ...changes,
  };
}

async function validationFields(promise: Promise<unknown>): Promise<Record<string, string>> {
  const err = await promise.then(() => null, (e) => e);
  assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${err}`);
  return err.fields;
}

Deno.test("an offer is created in the studio's currency with an off_ id and an audit row", async () => {
  await withStudioDb(async (db) => {
    const engineer = await insertEngineer(db, { name: "Sam" });
    const offer = await createOffer(db, await vocalOffer(db, { engineerId: engineer.id }), acting);
    assert.match(offer.id, /^off_/);
    assert.equal(offer.currency, "EUR");
    assert.equal(offer.active, true);
    assert.equal(offer.requiresApproval, false);
    assert.deepEqual(offer.durations, [{ minutes: 240, price: 40_000 }, { minutes: 480, price: 72_000 }]);
    assert.deepEqual(offer.policy, DEFAULT_POLICY);
    assert.deepEqual(await getOffer(db, offer.id), offer);
    assert.equal(await getOffer(db, "off_missing"), null);
    const [audit] = await listAudit(db, { action: "offer.created" });
    assert.equal(audit.entityId, offer.id);
    assert.equal(audit.actorId, "staff_1");
    assert.deepEqual(audit.changes?.name, { after: "Vocal recording — 4 h with engineer" });
  });
});

Deno.test("a given currency wins over the studio's", async () => {
  await withStudioDb(async (db) => {
    const offer = await createOffer(db, await vocalOffer(db, { currency: "jpy" }), acting);
    assert.equal(offer.currency, "JPY");
  });
});

Deno.test("bad input is refused field by field, and nothing is written", async () => {
  await withStudioDb(async (db) => {
    const fields = await validationFields(createOffer(db, {
      name: " ",
      roomIds: [],
      durations: [
        { minutes: 20, price: 100 },
        { minutes: 250, price: -1 },
        { minutes: 240, price: 1 },
        { minutes: 240, price: 2 },
      ],
      currency: "EURO",
      policy: { ...DEFAULT_POLICY, maxTransfers: 11 },
    }, acting));
    assert.deepEqual(Object.keys(fields).sort(), [
      "currency",
      "durations.0.minutes",
      "durations.1.minutes",
      "durations.1.price",
      "durations.3.minutes",
      "name",
      "policy.maxTransfers",
      "roomIds",
    ]);
    assert.equal(fields["durations.1.minutes"], "Give the length in steps of 15 minutes.");
    assert.deepEqual(
      Object.keys(
        await validationFields(createOffer(db, { ...await vocalOffer(db), durations: [] }, acting)),
      ),
      ["durations"],
    );
    const nine = Array.from({ length: 9 }, (_, i) => ({ minutes: 60 + 15 * i, price: 0 }));
    assert.deepEqual(
      Object.keys(
        await validationFields(createOffer(db, { ...await vocalOffer(db), durations: nine }, acting)),
      ),
      ["durations"],
    );
    assert.deepEqual(await listOffers(db), []);
  });
});

Deno.test("rooms must exist and not be archived; an engineer must exist", async () => {
  await withStudioDb(async (db) => {
    const archived = await insertRoom(db, { active: false });
    const input = await vocalOffer(db);
    assert.deepEqual(
      Object.keys(
        await validationFields(
          createOffer(db, { ...input, roomIds: [...input.roomIds, archived.id] }, acting),
        ),
      ),
      ["roomIds"],
    );
    assert.deepEqual(
      Object.keys(
        await validationFields(
          createOffer(db, { ...input, roomIds: ["room_nope"], engineerId: "eng_nope" }, acting),
        ),
      ).sort(),
      ["engineerId", "roomIds"],
    );
  });
});

Deno.test("an edit needs the version it started from, and is audited with what changed", async () => {
  await withStudioDb(async (db) => {
    const input = await vocalOffer(db);
    const offer = await createOffer(db, input, acting);
    const updated = await updateOffer(db, offer.id, 1, {
      ...input,
      name: "Vocals, 4 h",
      requiresApproval: true,
    }, acting);
    assert.equal(updated.version, 2);
    assert.equal(updated.name, "Vocals, 4 h");
    assert.equal(updated.currency, "EUR");
    await assert.rejects(updateOffer(db, offer.id, 1, { ...input, name: "Late" }, acting), ConflictError);
    await assert.rejects(updateOffer(db, "off_missing", 1, input, acting), NotFoundError);
    assert.equal((await getOffer(db, offer.id))?.name, "Vocals, 4 h");
    const [audit] = await listAudit(db, { action: "offer.updated" });
    assert.deepEqual(audit.changes, {
      name: { before: "Vocal recording — 4 h with engineer", after: "Vocals, 4 h" },
      requiresApproval: { before: false, after: true },
    });
  });
});

Deno.test("a deactivated offer leaves the booking list and comes back when activated", async () => {
  await withStudioDb(async (db) => {
    const input = await vocalOffer(db);
    const mix = await createOffer(db, { ...input, name: "Mix session", position: 1 }, acting);
    const vocal = await createOffer(db, { ...input, name: "Vocal recording", position: 1 }, acting);
    const first = await createOffer(db, { ...input, name: "Zoom podcast", position: 0 }, acting);
    assert.deepEqual((await listOffers(db)).map((o) => o.id), [first.id, mix.id, vocal.id]);
    await setOfferActive(db, mix.id, false, acting);
    await setOfferActive(db, mix.id, false, acting);
    assert.deepEqual((await listOffers(db, { activeOnly: true })).map((o) => o.id), [first.id, vocal.id]);
    assert.equal((await listOffers(db)).length, 3);
    await setOfferActive(db, mix.id, true, acting);
    assert.equal((await listOffers(db, { activeOnly: true })).length, 3);
    assert.deepEqual(
      (await listAudit(db, { entityType: "booking_offer" })).map((a) => a.action).filter((a) =>
        a !== "offer.created"
      ),
      ["offer.activated", "offer.deactivated"],
    );
  });
});
