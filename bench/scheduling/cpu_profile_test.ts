import assert from "node:assert/strict";
import { areaOf, type CpuProfile, summarizeProfile } from "./cpu_profile.ts";

const frame = (functionName: string, url = "", lineNumber = 0) => ({ functionName, url, lineNumber });

Deno.test("self time is shared out by function and by area, idle time left out", () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame("(idle)") },
      { id: 2, callFrame: frame("renderRow", "file:///app/routes/app/sessions/index.tsx", 9) },
      {
        id: 3,
        callFrame: frame(
          "parse",
          "file:///app/node_modules/.deno/postgres@3.4.9/node_modules/postgres/src/connection.js",
          99,
        ),
      },
      { id: 4, callFrame: frame("(garbage collector)") },
    ],
    samples: [1, 2, 2, 3, 4, 1],
    timeDeltas: [500, 300, 300, 200, 200, 900],
  };
  const summary = summarizeProfile(profile);
  assert.equal(summary.busyMs, 1);
  assert.deepEqual(summary.areas, [
    { area: "routes", share: 0.6 },
    { area: "npm:postgres", share: 0.2 },
    { area: "(garbage collector)", share: 0.2 },
  ]);
  assert.equal(summary.functions[0].name, "renderRow routes/app/sessions/index.tsx:10");
  assert.equal(summary.functions[1].name, "parse npm:postgres/src/connection.js:100");
});

Deno.test("frames are placed in our folders, npm packages or the runtime", () => {
  assert.equal(areaOf("file:///w/lib/scheduling/session_list.ts", "listSessionBlocks"), "lib/scheduling");
  assert.equal(
    areaOf(
      "file:///w/node_modules/.deno/@hono+zod-openapi@1.0.0/node_modules/@hono/zod-openapi/dist/index.js",
      "x",
    ),
    "npm:@hono/zod-openapi",
  );
  assert.equal(areaOf("ext:deno_http/00_serve.ts", "serve"), "ext:deno_http");
  assert.equal(areaOf("", "(program)"), "(program)");
  assert.equal(areaOf("", "stringify"), "(native)");
});
