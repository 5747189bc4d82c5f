import { hashPassword } from "../auth/password.ts";
import { addMembership, createStaff } from "../kv/staff.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { testApp } from "./test_app.ts";

export const ANA_PASSWORD = "violet tractor singing";
export const NORTH = "https://north.studios.example";
export const SOUTH = "https://south.studios.example";

/**
 * The app with two studios on https subdomains of studios.example, North and South; Ana
 * (ana@example.com, ANA_PASSWORD) owns North only. Dispose `t` when done.
 */
export async function twoStudiosWithOwner() {
  const t = await testApp({ BASE_URL: "https://studios.example" });
  const settings = { timezone: "UTC", currency: "EUR", locale: "en" } as const;
  const north = await provisionStudio(t.tenancy, { ...settings, slug: "north", name: "North Sound" });
  const south = await provisionStudio(t.tenancy, { ...settings, slug: "south", name: "South Sound" });
  const ana = await createStaff(t.kv, {
    email: "ana@example.com",
    name: "Ana Lima",
    passwordHash: await hashPassword(ANA_PASSWORD),
  });
  await addMembership(t.kv, north.id, ana.id, "owner");
  return { t, north, south, ana };
}
