import assert from "node:assert/strict";
import { compareRoutes, folderChain, folderPrefix, routePattern } from "./route_path.ts";

Deno.test("file names become URL patterns", () => {
  assert.equal(routePattern("index.tsx"), "/");
  assert.equal(routePattern("about.tsx"), "/about");
  assert.equal(routePattern("app/index.tsx"), "/app");
  assert.equal(routePattern("app/clients/[id].tsx"), "/app/clients/:id");
  assert.equal(routePattern("app/clients/[id]/edit.tsx"), "/app/clients/:id/edit");
  assert.equal(routePattern("files/[...path].ts"), "/files/:path{.+}");
  assert.equal(routePattern("(marketing)/pricing.tsx"), "/pricing");
  assert.equal(routePattern("app/(billing)/invoices/index.tsx"), "/app/invoices");
  assert.equal(routePattern("healthz.ts"), "/healthz");
});

Deno.test("a special file governs its folder, groups excluded from the prefix", () => {
  assert.equal(folderPrefix("_middleware.ts"), "/");
  assert.equal(folderPrefix("app/_layout.tsx"), "/app");
  assert.equal(folderPrefix("app/(billing)/_layout.tsx"), "/app");
  assert.deepEqual(folderChain("app/(billing)/invoices/[id].tsx"), [
    "",
    "app",
    "app/(billing)",
    "app/(billing)/invoices",
  ]);
});

Deno.test("static segments win over parameters, parameters over catch-alls", () => {
  const routes = ["/:rest{.+}", "/app/:id", "/app/new", "/app", "/", "/app/:id/edit", "/app/:rest{.+}"];
  assert.deepEqual([...routes].sort(compareRoutes), [
    "/",
    "/app",
    "/app/new",
    "/app/:id",
    "/app/:id/edit",
    "/app/:rest{.+}",
    "/:rest{.+}",
  ]);
});
