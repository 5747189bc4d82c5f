import { parse, stringify } from "devalue";
import { Signal, signal } from "@preact/signals";

/**
 * Island props travel from server to browser through devalue, which keeps Date, Map, Set,
 * BigInt, undefined and repeated references. Signals are reduced to their value and revived
 * once per reference, so two islands given one signal share one signal in the browser too.
 */
export function serializeProps(value: unknown): string {
  const json = stringify(value, {
    Signal: (v: unknown) => v instanceof Signal && [v.peek()],
  });
  // The JSON sits inside a <script> element: "<" must never close it early.
  return json.replaceAll("<", "\\u003c");
}

/** Inverse of {@link serializeProps}. */
export function deserializeProps(json: string): unknown {
  return parse(json, { Signal: ([v]: [unknown]) => signal(v) });
}

/**
 * Whether serialized props hold a typed value (Date, Map, Set, BigInt, RegExp, a signal, …) or a
 * sparse array, which only devalue's reader (client/rich_props.ts) can revive. devalue writes a
 * typed value as an array whose first item is a string (`["Date",…]`, `["Signal",…]`) and a sparse
 * array as `[-7,…`; plain arrays and objects hold numeric indices. Inside a JSON string `"` is
 * escaped, so `["` appears only where a string closes right after `[`: a false positive at worst,
 * which loads the full reader, never the wrong one.
 */
export function needsRevivers(json: string): boolean {
  return json.includes('["') || json.includes("[-7");
}
