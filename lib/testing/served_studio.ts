import { createStudio } from "../tenancy/create_studio.ts";
import { testApp } from "./test_app.ts";

export const OWNER = { email: "ana@example.com", password: "violet tractor singing", name: "Ana Lima" };

/**
 * For browser tests: the app served on 127.0.0.1 with one studio, North Sound (`/s/north`), owned
 * by OWNER (a real, hashed password) and made by `createStudio` like a sign-up (so its audit log
 * starts with "studio.created"), on the test configuration plus `config`. `await using` stops the
 * server and disposes the app.
 */
export async function servedStudio(config: Record<string, string> = {}) {
  const t = await testApp(config);
  const { tenant } = await createStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  }, OWNER);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, t.app.fetch);
  const origin = `http://127.0.0.1:${server.addr.port}`;
  return {
    t,
    tenant,
    origin,
    studio: `${origin}/s/north`,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
      await t[Symbol.asyncDispose]();
    },
  };
}
