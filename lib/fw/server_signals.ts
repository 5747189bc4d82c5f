import { Signal } from "@preact/signals";
import { Fragment, options, type VNode } from "preact";
import { jsxEscape } from "preact/jsx-runtime";

/**
 * On the server a signal placed as text (`<output>{count}</output>`) renders as its current value.
 * `@preact/signals` would render it through a component that builds a signal, two computeds and an
 * effect to update the text node in place, none of which a one-shot server render uses; together
 * they cost more than the rest of a small island and keep each render's garbage alive through
 * V8's young-generation collections (see docs/BENCHMARKS.md). In the browser islands render
 * through `@preact/signals` as before, so their text still updates in place.
 *
 * Only text is replaced: a signal holding markup or an array keeps the library's path.
 */
function serverText(signal: Signal): { text: unknown } | undefined {
  const value = signal.peek();
  if (value !== null && typeof value === "object") return undefined;
  // What @preact/signals shows for a value: 0 stays, `true` and other falsy values show nothing.
  return { text: value === 0 ? 0 : value === true ? "" : value || "" };
}

const previousVNodeHook = options.vnode;
options.vnode = (vnode: VNode) => {
  const type = vnode.type;
  if (type === Fragment) {
    // Precompiled JSX: a template's dynamic parts arrive escaped, except vnodes and signals.
    const exprs = (vnode.props as { exprs?: unknown[] }).exprs;
    if (exprs) {
      for (let i = 0; i < exprs.length; i++) {
        const expr = exprs[i];
        if (expr instanceof Signal) {
          const shown = serverText(expr);
          if (shown) exprs[i] = jsxEscape(shown.text);
        }
      }
    }
  } else if (typeof type === "string") {
    const props = vnode.props as { children?: unknown };
    const children = props.children;
    if (children instanceof Signal) {
      const shown = serverText(children);
      if (shown) props.children = shown.text;
    } else if (Array.isArray(children) && children.some((child) => child instanceof Signal)) {
      props.children = children.map((child) =>
        child instanceof Signal ? (serverText(child) ?? { text: child }).text : child
      );
    }
  }
  previousVNodeHook?.(vnode);
};
