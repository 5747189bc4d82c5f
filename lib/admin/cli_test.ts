import assert from "node:assert/strict";
import { type AdminCommand, PartialFailure, runCli } from "./cli.ts";

const greet: AdminCommand = {
  name: "greet",
  summary: "Say hello",
  options: {
    name: { type: "string", description: "who", required: true },
    loud: { type: "boolean", description: "shout" },
  },
  run: ({ name, loud }) => {
    if (name === "nobody") return Promise.reject(new Error("nobody to greet"));
    return Promise.resolve({ greeting: loud ? `HELLO ${name}` : `hello ${name}` });
  },
};

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([greet], args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

Deno.test("a command prints readable text, or JSON with --json", async () => {
  assert.deepEqual(await cli("greet", "--name", "Ana"), { code: 0, out: "greeting: hello Ana", err: "" });
  const json = await cli("greet", "--name", "Ana", "--loud", "--json");
  assert.deepEqual(JSON.parse(json.out), { greeting: "HELLO Ana" });
});

Deno.test("missing required options and unknown options exit 2 with usage", async () => {
  const missing = await cli("greet");
  assert.equal(missing.code, 2);
  assert.match(missing.err, /missing --name/);
  const unknown = await cli("greet", "--name", "A", "--colour", "red");
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /colour/);
});

Deno.test("an unknown command lists the commands; a failing one exits 1 with its message", async () => {
  const unknown = await cli("fly");
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /greet\s+Say hello/);
  const failing = await cli("greet", "--name", "nobody", "--json");
  assert.equal(failing.code, 1);
  assert.deepEqual(JSON.parse(failing.err), { error: "nobody to greet" });
});

Deno.test("a partial failure prints its result and exits 1", async () => {
  const partly: AdminCommand = {
    name: "partly",
    summary: "Half works",
    run: () => Promise.reject(new PartialFailure("1 of 2 failed", { done: ["a"], failed: ["b"] })),
  };
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([partly], ["partly", "--json"], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(out.join("\n")), { done: ["a"], failed: ["b"] });
  assert.deepEqual(JSON.parse(err.join("\n")), { error: "1 of 2 failed" });
});
