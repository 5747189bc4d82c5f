import type { Signal } from "@preact/signals";

export function CountDisplay({ count }: { count: Signal<number> }) {
  return <p class="display">Shared count: {count}</p>;
}
