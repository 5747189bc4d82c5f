// A URL the server fetches for someone must lead to the public internet, whatever its name resolves to.
import assert from "node:assert/strict";
import { assertPublicHost, HostRefused, type Resolver } from "./public_host.ts";

const records = (table: Record<string, string[]>): Resolver => (host) => Promise.resolve(table[host] ?? []);

async function refusal(url: string, options: { allowLoopback?: boolean; resolve?: Resolver } = {}) {
  try {
    await assertPublicHost(new URL(url), { allowLoopback: false, ...options });
    return null;
  } catch (err) {
    assert.ok(err instanceof HostRefused, String(err));
    return err;
  }
}

Deno.test("a name whose addresses are all public passes", async () => {
  const resolve = records({ "id.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"] });
  assert.equal(await refusal("https://id.example.com/", { resolve }), null);
});

Deno.test("one private address among public ones is enough to refuse", async () => {
  const resolve = records({ "id.example.com": ["93.184.215.14", "10.0.0.7"] });
  const err = await refusal("https://id.example.com/", { resolve });
  assert.equal(err?.kind, "private");
  assert.equal(err?.address, "10.0.0.7");
  assert.match(err!.message, /id\.example\.com resolves to 10\.0\.0\.7, a private network address/);
});

Deno.test("names resolving to metadata, link-local, CGNAT or unique-local IPv6 are refused", async () => {
  const resolve = records({
    "meta.example.com": ["169.254.169.254"],
    "link.example.com": ["169.254.10.1"],
    "cgnat.example.com": ["100.100.1.1"],
    "ula.example.com": ["fd00::5"],
    "mapped.example.com": ["::ffff:192.168.1.1"],
  });
  assert.equal((await refusal("https://meta.example.com", { resolve }))?.kind, "metadata");
  assert.equal((await refusal("https://link.example.com", { resolve }))?.kind, "link_local");
  assert.equal((await refusal("https://cgnat.example.com", { resolve }))?.kind, "cgnat");
  assert.equal((await refusal("https://ula.example.com", { resolve }))?.kind, "unique_local");
  assert.equal((await refusal("https://mapped.example.com", { resolve }))?.kind, "private");
});

Deno.test("address literals are judged without a lookup, in every spelling the URL parser accepts", async () => {
  const resolve: Resolver = () => Promise.reject(new Error("no lookup expected"));
  assert.equal((await refusal("https://169.254.169.254/latest/", { resolve }))?.kind, "metadata");
  assert.equal((await refusal("https://[::ffff:169.254.169.254]/", { resolve }))?.kind, "metadata");
  // WHATWG URL turns 0x7f.1 and 2130706433 into 127.0.0.1 before we see them.
  assert.equal((await refusal("https://0x7f.1/", { resolve }))?.kind, "loopback");
  assert.equal((await refusal("https://2130706433/", { resolve }))?.kind, "loopback");
  assert.equal((await refusal("https://[::1]:8443/", { resolve }))?.kind, "loopback");
  assert.equal((await refusal("https://192.168.1.10/", { resolve }))?.kind, "private");
  assert.equal(await refusal("https://8.8.8.8/", { resolve }), null);
});

Deno.test("localhost is loopback by name; loopback passes only when allowed", async () => {
  const resolve = records({ "dev.example.com": ["127.0.0.1"] });
  assert.equal((await refusal("http://localhost:8080"))?.kind, "loopback");
  assert.equal((await refusal("http://idp.localhost:8080"))?.kind, "loopback");
  assert.equal((await refusal("https://dev.example.com", { resolve }))?.kind, "loopback");
  assert.equal(await refusal("http://127.0.0.1:8080", { allowLoopback: true }), null);
  assert.equal(await refusal("http://localhost:8080", { allowLoopback: true }), null);
  assert.equal(await refusal("https://dev.example.com", { allowLoopback: true, resolve }), null);
  // The switch is about this machine only, never the office network or the metadata service.
  assert.equal((await refusal("https://10.0.0.1", { allowLoopback: true }))?.kind, "private");
  assert.equal((await refusal("https://169.254.169.254", { allowLoopback: true }))?.kind, "metadata");
});

Deno.test("a name that does not resolve is refused with its own message", async () => {
  const err = await refusal("https://nowhere.example.com", { resolve: records({}) });
  assert.equal(err?.kind, "unresolved");
  assert.equal(err?.message, "nowhere.example.com could not be resolved.");
});
