import { createRoute, type OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { Permission } from "../auth/permissions.ts";
import { type ApiEnv, requireApiPermission } from "./auth.ts";
import { problemResponse } from "./problems.ts";

/** The /api/v1 app resources register their operations on. */
export type ApiApp = OpenAPIHono<ApiEnv>;

/** A resource module's registration: `export const rooms: ApiResource = (api) => { api.openapi(…) }`. */
export type ApiResource = (api: ApiApp) => void;

/** Security requirements of every authenticated operation: either scheme will do. */
export const API_SECURITY: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

type ApiRouteConfig = Omit<RouteConfig, "security" | "middleware"> & {
  /** The permission the caller's role must hold (lib/auth/permissions.ts); absent = any member or key. */
  permission?: Permission;
};

/**
 * `createRoute` for /api/v1: adds the security requirement, the permission check (before input
 * validation, so a caller without the permission learns nothing about the input's rules), the
 * documented problem responses the operation can give, and the permission as `x-permission`.
 *
 * ```ts
 * const listRooms = apiRoute({ method: "get", path: "/rooms", permission: "rooms.view", responses: { 200: … } });
 * ```
 */
export function apiRoute<P extends string, R extends ApiRouteConfig & { path: P }>(config: R) {
  const { permission, ...route } = config;
  const takesInput = Boolean(route.request?.params || route.request?.query || route.request?.body);
  return createRoute({
    ...route,
    description: [route.description, permission && `Requires the \`${permission}\` permission.`]
      .filter(Boolean).join("\n\n") || undefined,
    security: API_SECURITY,
    middleware: permission ? [requireApiPermission(permission)] : [],
    ...(permission ? { "x-permission": permission } : {}),
    responses: {
      401: problemResponse("No credentials, or an API key that is unknown, revoked or expired."),
      ...(permission ? { 403: problemResponse(`The caller's role lacks \`${permission}\`.`) } : {}),
      ...(route.request?.params ? { 404: problemResponse("No such record in this studio.") } : {}),
      ...(takesInput ? { 422: problemResponse("Invalid input; `errors` lists each field.") } : {}),
      429: problemResponse("Too many requests from this caller; retry after `Retry-After` seconds."),
      ...route.responses,
      // Typed as always present: which ones apply varies at runtime, and a handler may answer any of them.
    } as Record<401 | 403 | 404 | 422 | 429, ReturnType<typeof problemResponse>> & R["responses"],
  });
}
