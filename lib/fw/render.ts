import { type ComponentChild, type ComponentType, h, type VNode } from "preact";
import { render } from "preact-render-to-string";
import type { BuiltAssets } from "./build.ts";
import { documentPieces, joinPieces } from "./document_pieces.ts";
import { collectEncoded } from "./encoded_html.ts";
import { collectIslands } from "./islands.ts";
import "./server_signals.ts";
import { needsRevivers, serializeProps } from "./serialize.ts";
import type { LayoutProps, PageProps } from "./types.ts";

export interface PageTree<State> {
  app?: ComponentType<LayoutProps<State>>;
  layouts: ComponentType<LayoutProps<State>>[];
  page: ComponentType<PageProps<State>>;
}

/**
 * Renders a page inside its layouts and the `_app` shell, then adds what the browser needs:
 * the stylesheet, and — only when an island was placed — the island state and a boot script
 * carrying the request's CSP nonce. A page without islands ships no JavaScript at all.
 * The document is text, or UTF-8 bytes when the page placed kept fragments (encoded_html.ts).
 */
export function renderDocument<State>(
  tree: PageTree<State>,
  props: PageProps<State>,
  assets: BuiltAssets,
  nonce: string | undefined,
): string | Uint8Array<ArrayBuffer> {
  const { html, parts } = renderDocumentText(tree, props, assets, nonce);
  return parts.length ? joinPieces(documentPieces(html, parts)) : html;
}

/** The document as text, with a marker where each kept fragment goes, and those fragments' bytes. */
export function renderDocumentText<State>(
  tree: PageTree<State>,
  props: PageProps<State>,
  assets: BuiltAssets,
  nonce: string | undefined,
): { html: string; parts: Uint8Array[] } {
  let Inner: ComponentType = (): ComponentChild => h(tree.page, props);
  for (const layout of [...tree.layouts].reverse()) {
    const Child = Inner;
    Inner = (): ComponentChild => h(layout, { ...props, Component: Child });
  }
  const root: VNode = tree.app ? h(tree.app, { ...props, Component: Inner }) as VNode : h(Inner, null);
  const { result: { result: body, islands }, parts } = collectEncoded(() =>
    collectIslands(() => render(root))
  );

  const nonceAttr = nonce ? ` nonce="${nonce}"` : "";
  const head: string[] = [`<link rel="stylesheet" href="${assets.css}">`];
  const tail: string[] = [];
  if (islands.files.size > 0) {
    const state = serializeProps(islands.props);
    const tags = islandTags(assets, [...islands.files], needsRevivers(state));
    head.push(tags.preload);
    tail.push(
      `<script id="__rsm_islands" type="application/json">${state}</script>`,
      `<script type="module"${nonceAttr}>${tags.boot}</script>`,
    );
  }
  if (assets.liveReload) tail.push(`<script type="module"${nonceAttr} src="${assets.liveReload}"></script>`);
  return { html: "<!DOCTYPE html>" + placeAssets(body, head.join(""), tail.join("")), parts };
}

// A page uses one of few island combinations: their tags are built once per combination, not per request.
const tagCache = new WeakMap<BuiltAssets, Map<string, { preload: string; boot: string }>>();

/**
 * The modulepreload links and the boot module source for a set of island files. State with typed
 * values (`rich`: dates, sets, signals, …) is read by the rich props module, which brings devalue
 * and `@preact/signals`; plain state by the boot module's own small reader, and the page loads
 * neither library unless an island imports it.
 */
function islandTags(assets: BuiltAssets, files: string[], rich: boolean): { preload: string; boot: string } {
  let byFiles = tagCache.get(assets);
  if (!byFiles) tagCache.set(assets, byFiles = new Map());
  const key = (rich ? "rich\n" : "") + files.join("\n");
  let tags = byFiles.get(key);
  if (!tags) {
    const modules = files.map((file) => assets.islands[file]);
    const entries = [assets.boot, ...(rich ? [assets.richProps] : []), ...modules];
    const preload = new Set(entries.flatMap((m) => [m, ...(assets.imports[m] ?? [])]));
    const imports = modules.map((url, i) => `import * as i${i} from "${url}";`).join("");
    const registry = files.map((file, i) => `${JSON.stringify(file)}:i${i}`).join(",");
    tags = {
      preload: [...preload].map((url) => `<link rel="modulepreload" href="${url}">`).join(""),
      boot: rich
        ? `import{boot}from"${assets.boot}";import{parseRichProps}from"${assets.richProps}";${imports}boot({${registry}},parseRichProps);`
        : `import{boot}from"${assets.boot}";${imports}boot({${registry}});`,
    };
    byFiles.set(key, tags);
  }
  return tags;
}

/**
 * Puts `head` before the page's `</head>` and `tail` before its last `</body>` (at the end when a
 * marker is missing), copying the rendered HTML once. The first `</head>` is the head's own: text
 * is escaped, and searching from the start stops within the head instead of scanning the page.
 */
function placeAssets(html: string, head: string, tail: string): string {
  const found = (at: number) => at === -1 ? html.length : at;
  const headAt = found(html.indexOf("</head>"));
  const tailAt = tail ? found(html.lastIndexOf("</body>")) : html.length;
  return headAt <= tailAt
    ? html.slice(0, headAt) + head + html.slice(headAt, tailAt) + tail + html.slice(tailAt)
    : html.slice(0, tailAt) + tail + html.slice(tailAt, headAt) + head + html.slice(headAt);
}
