import { Hono } from "hono";
import { getPath } from "hono/utils/url";
import { type FwEnv, mountRoutes } from "./fw/app.ts";
import { staticFiles } from "./fw/assets.ts";
import { liveReloadStream } from "./fw/live_reload.ts";
import { createTranslator, negotiateLocale } from "./i18n/mod.ts";
import { NotFoundError } from "./errors.ts";
import { errorHandler } from "./http/error_handler.ts";
import { requestLog } from "./http/request_log.ts";
import { securityHeaders } from "./http/security_headers.ts";
import type { AppDeps } from "./http/deps.ts";
import type { State } from "./http/state.ts";
import { resolveStudio, type StudioContext } from "./http/studio.ts";
import { originCheck } from "./http/origin_check.ts";
import { loadStaffSession, type StaffContext } from "./http/staff_session.ts";
import { hostOfUrl, routedPath } from "./tenancy/address.ts";
import { createApiV1 } from "./api/v1/app.ts";

export type AppEnv = FwEnv<State> & {
  Variables: { requestId: string; deps: AppDeps; studio?: StudioContext; staff?: StaffContext };
};

/**
 * The whole HTTP app: request id and log → security headers → static assets → studio resolution →
 * origin check → staff session → REST API (/api/v1) and file routes,
 * with errors mapped to responses in one place. `app.request()` drives it in tests.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  // Routes match the path without its `/s/<slug>` prefix; the studio middleware reads the prefix.
  const baseDomain = deps.config.baseDomain;
  const app = new Hono<AppEnv>({
    getPath: (req) => routedPath(hostOfUrl(req.url), getPath(req), baseDomain),
  });
  app.use(requestLog());
  app.use(securityHeaders({ https: deps.config.https }));
  app.use(async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use(...staticFiles(deps.root));
  if (deps.assets.liveReload) app.get("/_fw/alive", liveReloadStream);
  app.use(resolveStudio(deps.tenancy, baseDomain));
  app.use(originCheck());
  app.use(loadStaffSession(deps.kv, deps.config));
  // Before the file routes: /api/v1 is the REST API (lib/api/, docs/API.md), not a page folder.
  app.route("/api/v1", createApiV1());
  const pages = mountRoutes(app, deps.manifest, {
    assets: deps.assets,
    initialState: (c) => {
      const studio = c.get("studio");
      const locale = negotiateLocale(
        { studio: studio?.tenant.locale, acceptLanguage: c.req.header("accept-language") },
        deps.config.defaultLocale,
      );
      const staff = c.get("staff");
      return { requestId: c.get("requestId"), locale, t: createTranslator(locale).t, studio, staff };
    },
  });
  const onError = errorHandler(pages, deps.config.defaultLocale);
  app.onError(onError);
  app.notFound((c) => onError(new NotFoundError(), c));
  return app;
}
