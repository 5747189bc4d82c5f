import Disclosure from "../islands/Disclosure.tsx";

/** An island with plain props only: the page loads neither devalue nor @preact/signals. */
export default function PlainPage() {
  return (
    <main>
      <Disclosure label="Details">
        <p id="plain-slot">Plain props</p>
      </Disclosure>
    </main>
  );
}
