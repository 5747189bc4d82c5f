import type { ComponentChildren } from "preact";
import { cx } from "./cx.ts";

export interface EmptyStateProps {
  title: ComponentChildren;
  /** 2 unless given; 3 inside a Card. */
  headingLevel?: 2 | 3 | 4;
  /** What this place will hold, or what to do first. */
  description?: ComponentChildren;
  /** Usually one Button that creates the first item. */
  action?: ComponentChildren;
  class?: string;
}

/** What a list or page shows before it has anything in it. */
export function EmptyState(
  { title, headingLevel = 2, description, action, class: className }: EmptyStateProps,
) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div
      class={cx(
        "flex flex-col items-center gap-2 rounded-lg border border-dashed border-neutral-300 px-6 py-10 text-center",
        className,
      )}
    >
      <Heading class="text-base font-semibold text-ink">{title}</Heading>
      {description && <p class="max-w-prose text-sm text-ink-muted">{description}</p>}
      {action && <div class="mt-2">{action}</div>}
    </div>
  );
}
