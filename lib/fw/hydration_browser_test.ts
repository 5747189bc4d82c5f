import assert from "node:assert/strict";
import { Hono } from "hono";
import { fileURLToPath } from "node:url";
import { withPage } from "../../e2e/browser.ts";
import { type FwEnv, mountRoutes } from "./app.ts";
import { loadAssets, staticFiles } from "./assets.ts";
import { build } from "./build.ts";
import type { Manifest } from "./types.ts";

const root = fileURLToPath(new URL("./testdata/site", import.meta.url));

Deno.test("islands hydrate in Chromium; a shared signal keeps two islands in sync; slots stay server HTML", async () => {
  await build({ root });
  const { manifest } = await import("./testdata/site/fw.gen.ts") as { manifest: Manifest };
  const app = new Hono<FwEnv<{ trail: string[] }>>();
  app.use(...staticFiles(root));
  mountRoutes(app, manifest, { assets: await loadAssets(root), initialState: () => ({ trail: [] }) });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  try {
    await withPage(async (page) => {
      await page.goto(`http://127.0.0.1:${server.addr.port}/islands`);
      const first = page.locator("rsm-island").first();
      // Server-rendered buttons are disabled (IS_BROWSER is false); hydration enables them.
      await first.locator("button:not([disabled])").waitFor();
      assert.equal(await first.locator(".since").textContent(), "2026-11-24T10:00:00.000Z");
      assert.equal(await first.locator(".tags").textContent(), "a,b");

      await first.locator("button").click();
      await first.locator("button").click();
      assert.equal(await first.locator("output").textContent(), "7");
      assert.equal(await page.locator(".display").textContent(), "Shared count: 7");

      // The counter inside the disclosure's slot is its own island with its own signal.
      const nested = page.locator(".disclosure .counter");
      await nested.locator("button:not([disabled])").click();
      assert.equal(await nested.locator("output").textContent(), "101");
      assert.equal(await page.locator(".display").textContent(), "Shared count: 7");

      // The parent island re-renders; its server-rendered slot content survives.
      await page.locator(".toggle").click();
      await page.locator(".toggle").click();
      assert.equal(await page.locator("#slot-content").textContent(), "Rendered on the server");
      assert.equal(await nested.locator("output").textContent(), "101");

      // Plain props: the boot module reads them itself; devalue and @preact/signals stay unloaded.
      const scripts: string[] = [];
      page.on("request", (req) => {
        if (req.resourceType() === "script") scripts.push(new URL(req.url()).pathname);
      });
      await page.goto(`http://127.0.0.1:${server.addr.port}/plain`);
      await page.locator(".toggle").click();
      await page.locator("#plain-slot").waitFor({ state: "hidden" });
      await page.locator(".toggle").click();
      assert.equal(await page.locator("#plain-slot").textContent(), "Plain props");
      assert.ok(scripts.length > 0 && !scripts.some((s) => s.includes("rich_props")), scripts.join(" "));
    });
  } finally {
    await server.shutdown();
  }
});
