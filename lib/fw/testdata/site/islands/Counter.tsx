import type { Signal } from "@preact/signals";
import { IS_BROWSER } from "../../../is_browser.ts";

interface Props {
  count: Signal<number>;
  since: Date;
  tags: Set<string>;
}

export default function Counter({ count, since, tags }: Props) {
  return (
    <div class="counter">
      <button type="button" disabled={!IS_BROWSER} onClick={() => count.value++}>+1</button>
      <output>{count}</output>
      <span class="since">{since instanceof Date ? since.toISOString() : "not a date"}</span>
      <span class="tags">{tags instanceof Set ? [...tags].join(",") : "not a set"}</span>
    </div>
  );
}
