/// <reference lib="dom" />
import { type ComponentType, h, render } from "preact";
import { parsePlainProps } from "./plain_props.ts";

type IslandModules = Record<string, Record<string, unknown>>;

/**
 * Brings every <rsm-island> to life on the page. Props for all islands are deserialized in one
 * pass so that a signal passed to several islands is one shared signal here too. `parse` is the
 * plain reader unless the server found typed values in the state and passed `parseRichProps`
 * (client/rich_props.ts, with devalue and `@preact/signals`).
 */
export function boot(modules: IslandModules, parse: (json: string) => unknown = parsePlainProps): void {
  const state = document.getElementById("__rsm_islands");
  const allProps = parse(state?.textContent ?? "[[]]") as Record<string, unknown>[];
  let elements = document.querySelectorAll<HTMLElement>("rsm-island");
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    const [file, exportName] = (element.dataset.island ?? "").split("#");
    const component = modules[file]?.[exportName] as ComponentType | undefined;
    if (!component) continue;
    const props = { ...allProps[Number(element.dataset.props)] };
    const slot = ownSlot(element);
    if (slot) props.children = h("rsm-slot", { dangerouslySetInnerHTML: { __html: slot.innerHTML } });
    // render, not hydrate: it reuses the server's DOM nodes and also corrects attributes that
    // differ in the browser (e.g. `disabled={!IS_BROWSER}`), which hydrate leaves untouched.
    render(h(component, props), element);
    // Rendering a slot re-creates its nodes from the same HTML: islands inside it are new
    // elements, in the same document order, so the list is read again.
    if (slot) elements = document.querySelectorAll<HTMLElement>("rsm-island");
  }
}

function ownSlot(island: HTMLElement): HTMLElement | undefined {
  for (const slot of island.querySelectorAll<HTMLElement>("rsm-slot")) {
    if (slot.parentElement?.closest("rsm-island") === island) return slot;
  }
  return undefined;
}
