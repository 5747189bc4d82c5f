// The tenant schema: every table of a studio's database. drizzle-kit generates db/migrations from it.
export * from "./studio.ts";
export * from "./audit.ts";
export * from "./clients.ts";
export * from "./resources.ts";
export * from "./bookings.ts";
export * from "./billing.ts";
export * from "./portal.ts";
