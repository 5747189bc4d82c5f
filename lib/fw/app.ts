import type { Context as HonoContext, Hono } from "hono";
import type { ComponentType } from "preact";
import type { BuiltAssets } from "./build.ts";
import { HttpError, MethodNotAllowedError } from "./http_error.ts";
import { registerIslands } from "./islands.ts";
import { joinPieces } from "./document_pieces.ts";
import { type Keep, keptDocument } from "./kept_documents.ts";
import { type PageTree, renderDocument, renderDocumentText } from "./render.ts";
import { compareRoutes, folderChain, routePattern } from "./route_path.ts";
import type {
  FwContext,
  Handler,
  Handlers,
  LayoutProps,
  Manifest,
  Method,
  MiddlewareModule,
  PageProps,
  RouteModule,
} from "./types.ts";

// deno-lint-ignore no-explicit-any
export type FwEnv<State> = { Variables: { state: State; secureHeadersNonce?: string } & Record<string, any> };

export interface FwOptions<State> {
  assets: BuiltAssets;
  /** Called once per request before any route middleware, to create `ctx.state`. */
  initialState(c: HonoContext<FwEnv<State>>): State;
}

/** Renders the `_404`/`_500` pages; the app's error mapping decides which and when. */
export interface ErrorPages {
  render(c: HonoContext, status: number, error: unknown): Response;
}

const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * Mounts the file routes of `manifest` on a Hono app: middleware chains per folder, nested
 * layouts, method dispatch, and `_404` for unmatched paths. Returns the error page renderer.
 */
export function mountRoutes<State>(
  // Any env: the app adds variables of its own beside `state`.
  // deno-lint-ignore no-explicit-any
  app: Hono<any>,
  manifest: Manifest,
  options: FwOptions<State>,
): ErrorPages {
  registerIslands(manifest.islands);
  const files = manifest.routes as Record<string, RouteModule<State> & Partial<MiddlewareModule<State>>>;
  const special = (name: string) => files[name] as RouteModule<State> | undefined;
  const appShell = special("_app.tsx")?.default as ComponentType<LayoutProps<State>> | undefined;

  const stateOf = (c: HonoContext<FwEnv<State>>): State => {
    let state = c.get("state");
    if (!state) c.set("state", state = options.initialState(c));
    return state;
  };

  const renderTree = (
    c: HonoContext<FwEnv<State>>,
    tree: PageTree<State>,
    props: PageProps<State>,
    init?: ResponseInit,
    keep?: Keep,
  ) => {
    const nonce = c.get("secureHeadersNonce");
    const document = keep
      ? joinPieces(
        keptDocument(keep, nonce, () => renderDocumentText(tree, props, options.assets, nonce)),
        nonce,
      )
      : renderDocument(tree, props, options.assets, nonce);
    if (typeof document === "string") return c.html(document, init as never);
    c.header("Content-Type", "text/html; charset=UTF-8");
    return c.body(document, init as never);
  };

  const routeFiles = Object.keys(files)
    .filter((file) => !file.split("/").some((part) => part.startsWith("_")))
    .map((file) => ({ file, pattern: routePattern(file) }))
    .sort((a, b) => compareRoutes(a.pattern, b.pattern));
  for (let i = 1; i < routeFiles.length; i++) {
    if (routeFiles[i].pattern === routeFiles[i - 1].pattern) {
      throw new Error(
        `${routeFiles[i - 1].file} and ${routeFiles[i].file} both serve ${routeFiles[i].pattern}`,
      );
    }
  }

  for (const { file, pattern } of routeFiles) {
    const mod = files[file] as RouteModule<State>;
    const chain = folderChain(file);
    const middlewares = chain.flatMap((folder) => {
      const handler = files[folder ? `${folder}/_middleware.ts` : "_middleware.ts"]?.handler;
      return handler ? ([] as Handler<State>[]).concat(handler as Handler<State>) : [];
    });
    const layoutFolders = mod.config?.skipInheritedLayouts ? chain.slice(-1) : chain;
    const layouts = layoutFolders
      .map((folder) => files[folder ? `${folder}/_layout.tsx` : "_layout.tsx"]?.default)
      .filter((l): l is ComponentType<LayoutProps<State>> => Boolean(l));
    const page = mod.default as ComponentType<PageProps<State>> | undefined;
    const handlers = normalizeHandlers(mod, page);

    app.all(pattern, (c: HonoContext<FwEnv<State>>) => {
      // Hono answers HEAD by routing it as GET and dropping the body; the request still says HEAD.
      const handler = handlers[(c.req.method === "HEAD" ? "GET" : c.req.method) as Method];
      if (!handler) throw new MethodNotAllowedError(Object.keys(handlers));
      const state = stateOf(c);
      const url = new URL(c.req.url);
      const params = c.req.param() as Record<string, string>;
      const steps = [...middlewares, handler];
      const run = (i: number): Promise<Response> => {
        const ctx: FwContext<State> = {
          req: c.req.raw,
          url,
          params,
          state,
          hono: c as unknown as HonoContext,
          next: () => run(i + 1),
          render: (data, init, keep) => {
            if (!page) throw new HttpError(500, `${file} has no page component to render`);
            return Promise.resolve(
              renderTree(c, { app: appShell, layouts, page }, { data, url, params, state }, init, keep),
            );
          },
          redirect: (location, status = 303) => c.redirect(location, status),
        };
        return Promise.resolve(steps[i](ctx));
      };
      return run(0);
    });
  }

  const notFoundPage = special("_404.tsx")?.default as ComponentType<PageProps<State>> | undefined;
  const errorPage = special("_500.tsx")?.default as ComponentType<PageProps<State>> | undefined;
  const errorPages: ErrorPages = {
    render(c, status, error) {
      const hc = c as unknown as HonoContext<FwEnv<State>>;
      const page = (status === 404 ? notFoundPage : errorPage) ?? errorPage;
      if (!page) return c.text(error instanceof HttpError ? error.message : "Error", status as never);
      const url = new URL(c.req.url);
      const props = { data: undefined, url, params: {}, state: stateOf(hc), error };
      return renderTree(hc, { app: appShell, layouts: [], page }, props, { status });
    },
  };
  app.notFound((c) => errorPages.render(c, 404, new HttpError(404)));
  return errorPages;
}

function normalizeHandlers<State>(
  mod: RouteModule<State>,
  page: ComponentType<PageProps<State>> | undefined,
): Handlers<State> {
  const declared = mod.handler;
  const handlers: Handlers<State> = typeof declared === "function"
    ? Object.fromEntries(METHODS.map((m) => [m, declared]))
    : { ...declared };
  if (page && !handlers.GET) handlers.GET = (ctx) => ctx.render(undefined);
  return handlers;
}
