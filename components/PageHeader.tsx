import type { ComponentChildren } from "preact";
import { cx } from "./cx.ts";

export interface PageHeaderProps {
  /** The page's one h1. */
  title: ComponentChildren;
  description?: ComponentChildren;
  /** The page's main actions, e.g. a "New booking" Button; they wrap below the title on phones. */
  actions?: ComponentChildren;
  class?: string;
}

/** The top of every page: its h1, a line about it and its main actions. */
export function PageHeader({ title, description, actions, class: className }: PageHeaderProps) {
  return (
    <header
      class={cx(
        "flex flex-col gap-4 border-b border-line pb-5 sm:flex-row sm:items-end sm:justify-between",
        className,
      )}
    >
      <div class="min-w-0">
        <h1 class="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">{title}</h1>
        {description && <p class="mt-1 text-sm text-ink-muted">{description}</p>}
      </div>
      {actions && <div class="flex flex-wrap gap-2 sm:shrink-0">{actions}</div>}
    </header>
  );
}
