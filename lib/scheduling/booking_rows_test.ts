import assert from "node:assert/strict";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { refusingOverlaps } from "./booking_rows.ts";

/** What postgres-js raises when PostgreSQL aborts a transaction to break a deadlock. */
const deadlock = () => Object.assign(new Error("deadlock detected"), { code: "40P01" });
const unused = () => Promise.reject(new Error("no overlap to describe"));

Deno.test("a booking write aborted as a deadlock is run again", async () => {
  let runs = 0;
  const written = await refusingOverlaps(
    {} as TenantDb,
    () => {
      runs++;
      return runs === 1 ? Promise.reject(deadlock()) : Promise.resolve("booked");
    },
    unused,
    { timeZone: "UTC" },
  );
  assert.equal(written, "booked");
  assert.equal(runs, 2);
});

Deno.test("a write that deadlocks on every run fails after three", async () => {
  let runs = 0;
  await assert.rejects(
    refusingOverlaps(
      {} as TenantDb,
      () => {
        runs++;
        return Promise.reject(deadlock());
      },
      unused,
      { timeZone: "UTC" },
    ),
    /deadlock detected/,
  );
  assert.equal(runs, 3);
});
