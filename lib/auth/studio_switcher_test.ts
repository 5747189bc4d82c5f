import assert from "node:assert/strict";
import { openKv } from "../kv/open.ts";
import { addMembership, createStaff } from "../kv/staff.ts";
import type { Tenant } from "../kv/tenants.ts";
import { catalogStudio } from "../testing/catalog.ts";
import { studioChoices } from "./studio_switcher.ts";

const addressOf = (tenant: Tenant) => `https://${tenant.slug}.studios.example/`;

Deno.test("a person with one studio has nothing to switch to", async () => {
  using kv = await openKv(":memory:");
  const blue = await catalogStudio(kv, "blue");
  const ana = await createStaff(kv, { email: "ana@example.com", name: "Ana" });
  await addMembership(kv, blue.id, ana.id, "owner");
  assert.deepEqual(
    await studioChoices(kv, { ...ana, role: "owner" }, { tenant: blue, base: "" }, addressOf),
    [],
  );
});

Deno.test("the switcher lists this studio first, then the others by name, each linking to its sign-in with the e-mail", async () => {
  using kv = await openKv(":memory:");
  const blue = await catalogStudio(kv, "blue", { name: "Blue Room" });
  const red = await catalogStudio(kv, "red", { name: "Red Room" });
  const amber = await catalogStudio(kv, "amber", { name: "Amber Hall" });
  const shut = await catalogStudio(kv, "shut", { name: "Shut Studio", status: "suspended" });
  const ana = await createStaff(kv, { email: "ana+mix@example.com", name: "Ana" });
  for (
    const [tenant, role] of [[blue, "owner"], [red, "engineer"], [amber, "bookkeeper"], [
      shut,
      "owner",
    ]] as const
  ) {
    await addMembership(kv, tenant.id, ana.id, role);
  }
  const here = { ...ana, role: "engineer" as const };
  assert.deepEqual(await studioChoices(kv, here, { tenant: red, base: "/s/red" }, addressOf), [
    { tenantId: red.id, name: "Red Room", role: "engineer", href: "/s/red/app", current: true },
    {
      tenantId: amber.id,
      name: "Amber Hall",
      role: "bookkeeper",
      href: "https://amber.studios.example/sign-in?email=ana%2Bmix%40example.com",
      current: false,
    },
    {
      tenantId: blue.id,
      name: "Blue Room",
      role: "owner",
      href: "https://blue.studios.example/sign-in?email=ana%2Bmix%40example.com",
      current: false,
    },
  ], "a suspended studio is left out");
});
