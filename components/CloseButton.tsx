import type { ButtonHTMLAttributes } from "preact";
import { cx } from "./cx.ts";

export interface CloseButtonProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "class" | "className"> {
  /** The accessible name ("Close", "Dismiss"), translated by the caller. */
  label: string;
  class?: string;
}

/** A square × button named by `label`; Dialog and Toast use it inside `<form method="dialog">`. */
export function CloseButton({ label, type = "submit", class: className, ...attributes }: CloseButtonProps) {
  return (
    <button
      {...attributes}
      type={type}
      aria-label={label}
      class={cx("btn size-8 shrink-0 text-xl leading-none text-current hover:bg-black/5", className)}
    >
      <span aria-hidden="true">×</span>
    </button>
  );
}
