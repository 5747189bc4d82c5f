import { eq } from "drizzle-orm";
import { studioProfile } from "../../db/schema/mod.ts";
import { NotFoundError } from "../errors.ts";
import type { TenantDb } from "./tenant_db.ts";

export type StudioProfile = typeof studioProfile.$inferSelect;

/** The studio's own profile (its one row, written when the studio was provisioned). */
export async function getStudioProfile(db: TenantDb): Promise<StudioProfile> {
  const [profile] = await db.select().from(studioProfile).where(eq(studioProfile.id, 1));
  if (!profile) throw new NotFoundError("This studio has no profile yet.");
  return profile;
}
