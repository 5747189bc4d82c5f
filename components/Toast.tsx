import type { ComponentChildren } from "preact";
import { CloseButton } from "./CloseButton.tsx";
import { cx } from "./cx.ts";

export type ToastTone = "success" | "info" | "error";

export interface ToastProps {
  /** "info" unless given; "error" is announced at once, the others when the reader is idle. */
  tone?: ToastTone;
  /** Accessible name of the × button, e.g. t("Dismiss"). */
  dismissLabel: string;
  /** The message. */
  children: ComponentChildren;
  /** Layout classes; a layout may stack several toasts in a fixed corner. */
  class?: string;
}

const TONES: Record<ToastTone, string> = {
  success: "border-success-200 bg-success-50 text-success-800",
  info: "border-info-200 bg-info-50 text-info-800",
  error: "border-danger-200 bg-danger-50 text-danger-800",
};

/** A flash message rendered with the page after an action ("Booking saved"). */
export function Toast({ tone = "info", dismissLabel, children, class: className }: ToastProps) {
  // No-JS dismissal: <form method="dialog"> closes a non-modal <dialog open>; a popover can't start open.
  return (
    <dialog open class={cx("static w-full rounded-lg border shadow-sm", TONES[tone], className)}>
      <div class="flex items-start gap-3 py-3 ps-4 pe-2">
        {tone === "error"
          ? <div role="alert" class="min-w-0 flex-1 py-1 text-sm font-medium">{children}</div>
          : (
            <div role="status" aria-live="polite" class="min-w-0 flex-1 py-1 text-sm font-medium">
              {children}
            </div>
          )}
        <form method="dialog">
          <CloseButton label={dismissLabel} />
        </form>
      </div>
    </dialog>
  );
}
