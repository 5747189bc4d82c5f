/**
 * Preact's JSX runtime with one fix, mapped over `preact/jsx-runtime` in deno.json.
 *
 * With precompiled JSX, `jsxEscape` escapes each string of an array expression *in place* and
 * returns the array; the renderer then escapes those strings again as children. So
 * `<p>{["a<b"]}</p>` rendered `a&amp;lt;b` and rewrote the caller's array. Here an array is copied
 * and its strings are left for the renderer to escape once; everything else is Preact's own.
 */
import { jsxEscape as preactJsxEscape } from "preact-jsx-runtime";

export * from "preact-jsx-runtime";

export function jsxEscape<T>(value: T): unknown {
  return Array.isArray(value) ? value.map(escapeArrayItem) : preactJsxEscape(value);
}

function escapeArrayItem(item: unknown): unknown {
  if (Array.isArray(item)) return item.map(escapeArrayItem);
  if (item === null || item === undefined || typeof item === "boolean" || typeof item === "function") {
    return null;
  }
  // Strings and numbers stay as they are: the renderer escapes children itself.
  if (typeof item !== "object") return item;
  return preactJsxEscape(item);
}
