import assert from "node:assert/strict";
import type { ComponentChildren } from "preact";
import type { BuiltAssets } from "./build.ts";
import { EncodedHtml, placeEncoded } from "./encoded_html.ts";
import { registerIslands } from "./islands.ts";
import { type PageTree, renderDocument } from "./render.ts";
import type { LayoutProps, PageProps } from "./types.ts";

function Toggle({ on }: { on: boolean }) {
  return <button type="button">{on ? "on" : "off"}</button>;
}
registerIslands({ "Toggle.tsx": { default: Toggle } });

const assets: BuiltAssets = {
  css: "/_fw/styles-1.css",
  boot: "/_fw/boot-1.js",
  richProps: "/_fw/rich_props-1.js",
  islands: { "Toggle.tsx": "/_fw/island-Toggle-1.js" },
  imports: {},
};
const props: PageProps<unknown> = { data: undefined, url: new URL("http://x/"), params: {}, state: {} };
const Shell = ({ Component }: LayoutProps<unknown>) => (
  <html>
    <head>
      <title>t</title>
    </head>
    <body>
      <Component />
    </body>
  </html>
);
/** The document as text, whichever form it came in. */
const text = (document: string | Uint8Array) =>
  typeof document === "string" ? document : new TextDecoder().decode(document);
const Bare = ({ children }: { children?: ComponentChildren }) => <main>{children}</main>;

Deno.test("the stylesheet closes the head; island state and boot script close the body", () => {
  const html = text(
    renderDocument({ app: Shell, layouts: [], page: () => <Toggle on /> }, props, assets, "n0nce"),
  );
  assert.match(
    html,
    /^<!DOCTYPE html><html><head><title>t<\/title><link rel="stylesheet" href="\/_fw\/styles-1.css">/,
  );
  assert.match(html, /<link rel="modulepreload" href="\/_fw\/island-Toggle-1.js"><\/head>/);
  assert.match(html, /<\/rsm-island><script id="__rsm_islands" type="application\/json">\[.*\]<\/script>/);
  assert.match(
    html,
    /<script type="module" nonce="n0nce">import\{boot\}from"\/_fw\/boot-1.js";.*<\/script><\/body><\/html>$/,
  );
});

Deno.test("a shell without head or body still gets its assets, at the end and in order", () => {
  const html = text(renderDocument(
    {
      app: undefined,
      layouts: [],
      page: () => (
        <Bare>
          <Toggle on={false} />
        </Bare>
      ),
    },
    props,
    assets,
    undefined,
  ));
  assert.match(
    html,
    /<\/main><link rel="stylesheet"[^>]*>(<link rel="modulepreload"[^>]*>)+<script id="__rsm_islands"/,
  );
  assert.match(html, /<script type="module">import\{boot\}/);
});

Deno.test("plain island state is read by the boot module alone; typed state loads the rich reader", () => {
  const page = (on: boolean | Date) => () => (
    <Bare>
      <Toggle on={on as boolean} />
    </Bare>
  );
  const plain = text(renderDocument({ layouts: [], page: page(true) }, props, assets, undefined));
  assert.ok(!plain.includes("rich_props"), "no devalue or signals for plain props");
  assert.match(
    plain,
    /import\{boot\}from"\/_fw\/boot-1.js";import \* as i0 from "[^"]+";boot\(\{"Toggle.tsx":i0\}\);/,
  );

  const typed = text(renderDocument({ layouts: [], page: page(new Date(0)) }, props, assets, undefined));
  assert.match(typed, /<link rel="modulepreload" href="\/_fw\/rich_props-1.js">/);
  assert.match(
    typed,
    /import\{parseRichProps\}from"\/_fw\/rich_props-1.js";.*boot\(\{"Toggle.tsx":i0\},parseRichProps\);/,
  );
});

Deno.test("kept fragments are spliced in as bytes, exactly where the same markup rendered as text would be", () => {
  const rows = "<table><tr><td>Café Øresund → 10:00–12:00</td></tr></table>";
  const note = "<p>Séance «&lt;b&gt;»</p>";
  // deno-lint-ignore react-no-danger
  const Raw = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;
  const page = (place: (html: string) => string) => () => (
    <Bare>
      <Raw html={place(rows)} />
      <Toggle on />
      <Raw html={place(note)} />
    </Bare>
  );
  const tree = (place: (html: string) => string): PageTree<unknown> => ({
    app: Shell,
    layouts: [],
    page: page(place),
  });
  const kept = new Map([rows, note].map((html) => [html, new EncodedHtml(html)]));

  const spliced = renderDocument(tree((html) => placeEncoded(kept.get(html)!)), props, assets, "n0nce");
  const inline = renderDocument(tree((html) => html), props, assets, "n0nce");
  assert.ok(spliced instanceof Uint8Array);
  assert.equal(typeof inline, "string");
  assert.equal(new TextDecoder().decode(spliced), inline);
  assert.deepEqual(spliced, new TextEncoder().encode(inline as string));
  // Rendered anywhere else, a kept fragment is plain markup.
  assert.equal(placeEncoded(kept.get(note)!), note);
});
