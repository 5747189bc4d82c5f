import type { ComponentChildren } from "preact";
import { Card } from "./Card.tsx";

/** The page of a short account step (sign in, reset a password, confirm an e-mail): one centred card. */
export function AuthPanel({ title, children }: { title: ComponentChildren; children: ComponentChildren }) {
  return (
    <main id="main" class="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <Card title={title}>{children}</Card>
    </main>
  );
}
