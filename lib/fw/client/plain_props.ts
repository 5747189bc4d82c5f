/**
 * Reads island props that hold nothing but JSON values, objects and arrays (shared references,
 * `undefined`, NaN, ±Infinity, -0 and holes included) from devalue's format, without devalue:
 * most pages pass plain data, and devalue with its revivers and `@preact/signals` are then left
 * out of the page's JavaScript. The server picks this reader only when {@link needsRevivers} says
 * the state has no typed value (Date, Map, Set, BigInt, a signal, …); see render.ts.
 */
export function parsePlainProps(json: string): unknown {
  const values: unknown[] = JSON.parse(json);
  const done: unknown[] = [];
  const specials = [undefined, undefined, NaN, Infinity, -Infinity, -0];
  const at = (index: number): unknown => {
    if (index < 0) return specials[-1 - index];
    if (index in done) return done[index];
    const value = values[index];
    if (value === null || typeof value !== "object") return done[index] = value;
    if (Array.isArray(value)) {
      if (typeof value[0] === "string" || value[0] === -7) throw new Error("Typed value in plain props");
      const array: unknown[] = done[index] = new Array(value.length);
      for (let i = 0; i < value.length; i++) if (value[i] !== -2) array[i] = at(value[i]);
      return array;
    }
    const object: Record<string, unknown> = done[index] = {};
    for (const key in value) {
      if (key === "__proto__") throw new Error("Invalid key in plain props");
      object[key] = at((value as Record<string, number>)[key]);
    }
    return object;
  };
  return at(0);
}
