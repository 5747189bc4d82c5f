import { parse } from "devalue";
import { signal } from "@preact/signals";

/**
 * Reads island props with devalue (Date, Map, Set, BigInt, …) and revives signals, one per
 * reference, so two islands given one signal share one signal in the browser too. Loaded only by
 * pages whose island state needs it (render.ts); importing it also lets islands render signals.
 */
export function parseRichProps(json: string): unknown {
  return parse(json, { Signal: ([v]: [unknown]) => signal(v) });
}
