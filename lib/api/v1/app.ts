import { OpenAPIHono } from "@hono/zod-openapi";
import { sessionCookieName } from "../../http/session_cookie.ts";
import { apiCors } from "../../http/cors.ts";
import { apiBoundary, type ApiEnv, authenticate } from "../auth.ts";
import { fromHttpException, ProblemSchema, validationHook } from "../problems.ts";
import { RESOURCES } from "./resources.ts";

const DESCRIPTION = `The studio's data for integrations: websites, accounting, scripts.

Authenticate with an API key (\`Authorization: Bearer rsm_…\`, created by an owner or admin under
Settings → API keys) or, from the studio's own pages, the staff session cookie. A key acts with its
role's permissions, exactly as a staff member with that role would on the pages.

Errors are RFC 9457 problem documents (\`application/problem+json\`). Lists are paginated with
\`limit\` and an opaque \`after\` cursor; follow \`next\`.`;

/**
 * The /api/v1 app, mounted by lib/app.ts after studio resolution and the staff session. Order matters:
 * the boundary (studio required, Bearer challenge on 401) wraps everything; the OpenAPI document is
 * registered before `authenticate`, so it alone is public; every resource comes after it.
 */
export function createApiV1(): OpenAPIHono<ApiEnv> {
  const api = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  // Errors go on to the app's one error handler (problem JSON under /api), in our own types.
  api.onError((err) => {
    throw fromHttpException(err);
  });

  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "rsm_<32 characters>",
    description: "An API key of this studio.",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: sessionCookieName(false, ""),
    description: "The staff session cookie (`__Host-rsm_session` on https studio domains).",
  });
  api.openAPIRegistry.register("Problem", ProblemSchema);

  api.use("*", apiBoundary());
  api.use("*", ...apiCors());
  // Generated once, on first request (every resource is registered by then): it costs milliseconds
  // per route, and only `servers` differs between studios.
  let document: ReturnType<typeof api.getOpenAPI31Document> | undefined;
  api.get("/openapi.json", (c) => {
    document ??= api.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "Recording Studio Manager API", version: "1.0.0", description: DESCRIPTION },
    });
    // Relative, so the document is right at any of the studio's addresses (its domain or /s/<slug>/).
    const servers = [{ url: `${c.get("studio")!.base}/api/v1`, description: "This studio" }];
    const { openapi, info, ...rest } = document;
    return c.json({ openapi, info, servers, ...rest });
  });
  api.use("*", authenticate());
  for (const register of RESOURCES) register(api);
  return api;
}
