import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";

export default function Disclosure({ label, children }: { label: string; children: ComponentChildren }) {
  const [open, setOpen] = useState(true);
  return (
    <div class="disclosure">
      <button type="button" class="toggle" onClick={() => setOpen(!open)}>{label}</button>
      <div hidden={!open}>{children}</div>
    </div>
  );
}
