import type { ComponentChildren } from "preact";
import { cx } from "./cx.ts";

export interface CardProps {
  title?: ComponentChildren;
  /** 2 unless given; use 3 for cards under a section heading. */
  headingLevel?: 2 | 3 | 4;
  /** Buttons or links shown beside the title, e.g. an "Edit" link. */
  actions?: ComponentChildren;
  children: ComponentChildren;
  /** Layout classes (grid placement, margins). */
  class?: string;
}

/** A bordered panel grouping one topic on a page: a client's contacts, an invoice's totals. */
export function Card({ title, headingLevel = 2, actions, children, class: className }: CardProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div class={cx("rounded-lg border border-line bg-surface shadow-xs", className)}>
      {(title || actions) && (
        <div class="flex flex-wrap items-center justify-between gap-3 border-b border-line px-4 py-3 sm:px-6">
          {title && <Heading class="text-base font-semibold text-ink">{title}</Heading>}
          {actions && <div class="ms-auto flex flex-wrap gap-2">{actions}</div>}
        </div>
      )}
      <div class="p-4 sm:px-6">{children}</div>
    </div>
  );
}
