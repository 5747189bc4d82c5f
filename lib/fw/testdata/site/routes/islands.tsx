import { signal } from "@preact/signals";
import Counter from "../islands/Counter.tsx";
import { CountDisplay } from "../islands/CountDisplay.tsx";
import Disclosure from "../islands/Disclosure.tsx";

export default function IslandsPage() {
  const count = signal(5);
  const since = new Date("2026-11-24T10:00:00Z");
  return (
    <main>
      <Counter count={count} since={since} tags={new Set(["a", "b"])} />
      <CountDisplay count={count} />
      <Disclosure label="More">
        <p id="slot-content">Rendered on the server</p>
        <Counter count={signal(100)} since={since} tags={new Set()} />
      </Disclosure>
    </main>
  );
}
