import type { Permission } from "./permissions.ts";

/**
 * Who may reach a route, declared by every route module as `export const access = …`:
 *
 * - `"public"`: anyone (the landing page, health checks, sign-in and sign-up forms);
 * - `"staff"`: any signed-in member of the studio (the staff app's middleware enforces it);
 * - `{ permission }`: members whose role holds the permission (the handler calls requirePermission);
 *   `{ permission, write }`: reading needs `permission`, other methods (forms posting actions) `write`;
 * - `"client"`: the studio's client signed in to its portal (routes/portal/(account)/_middleware.ts);
 *   staff sessions do not count.
 *
 * routes/access_test.ts requests every route as every role, signed out, and with another studio's
 * session, and checks the answers against these declarations; a route without one fails it.
 */
export type Access = "public" | "staff" | "client" | { permission: Permission; write?: Permission };
