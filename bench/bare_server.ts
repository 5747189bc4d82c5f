// A bare Hono handler on PORT: the physical ceiling the app's routes are compared with. It runs in
// its own process so that its load does not show in the app server's memory or CPU figures.
import { Hono } from "hono";

const bare = new Hono().get("/", (c) => c.text("ok"));
Deno.serve({ hostname: "127.0.0.1", port: Number(Deno.env.get("PORT")), onListen: () => {} }, bare.fetch);
