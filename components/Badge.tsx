import type { ComponentChildren } from "preact";
import { cx } from "./cx.ts";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger";

export interface BadgeProps {
  /** "neutral" unless given. The text must say the status too: colour alone is not enough. */
  tone?: BadgeTone;
  children: ComponentChildren;
  class?: string;
}

const TONES: Record<BadgeTone, string> = {
  neutral: "border-neutral-300 bg-neutral-100 text-neutral-800",
  info: "border-info-200 bg-info-50 text-info-800",
  success: "border-success-200 bg-success-50 text-success-800",
  warning: "border-warning-200 bg-warning-50 text-warning-800",
  danger: "border-danger-200 bg-danger-50 text-danger-800",
};

/** A short status label: "Paid", "Overdue", "Hold". */
export function Badge({ tone = "neutral", children, class: className }: BadgeProps) {
  return (
    <span
      class={cx(
        "inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
