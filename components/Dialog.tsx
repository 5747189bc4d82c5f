import type { ComponentChildren } from "preact";
import { type ActionButtonProps, Button } from "./Button.tsx";
import { CloseButton } from "./CloseButton.tsx";
import { cx } from "./cx.ts";

export interface DialogProps {
  /** The id DialogTrigger's `dialogId` points at; unique on the page. */
  id: string;
  title: ComponentChildren;
  /** Accessible name of the × button, e.g. t("Close"). */
  closeLabel: string;
  children: ComponentChildren;
  /** Actions at the bottom, e.g. a submit button and a `command="close"` cancel button. */
  footer?: ComponentChildren;
  /** Extra classes, e.g. "max-w-2xl" for a wider dialog. */
  class?: string;
}

export type DialogTriggerProps = Omit<ActionButtonProps, "type" | "command" | "commandfor" | "commandFor"> & {
  dialogId: string;
};

/**
 * A modal `<dialog>` that needs no JavaScript: DialogTrigger opens it with the Invoker Commands API and
 * the × button closes it through `<form method="dialog">`; Escape and (where `closedby` is supported)
 * a click on the backdrop close it too. Put it anywhere in the page; it renders nothing until opened.
 */
export function Dialog({ id, title, closeLabel, children, footer, class: className }: DialogProps) {
  const titleId = `${id}-title`;
  // No display utility on <dialog> itself: it would override the UA's `display: none` when closed.
  return (
    <dialog
      id={id}
      aria-labelledby={titleId}
      closedby="any"
      class={cx(
        "m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg overflow-y-auto rounded-xl bg-surface text-ink shadow-xl backdrop:bg-neutral-950/50",
        className,
      )}
    >
      <div class="flex items-start justify-between gap-4 border-b border-line px-5 py-4">
        <h2 id={titleId} class="text-lg font-semibold">{title}</h2>
        <form method="dialog" class="-me-2 -mt-1">
          <CloseButton label={closeLabel} />
        </form>
      </div>
      <div class="px-5 py-4">{children}</div>
      {footer && <div class="flex flex-wrap justify-end gap-2 border-t border-line px-5 py-4">{footer}</div>}
    </dialog>
  );
}

/** A Button that opens the Dialog with id `dialogId`. */
export function DialogTrigger({ dialogId, ...button }: DialogTriggerProps) {
  return (
    <Button {...button} type="button" commandfor={dialogId} command="show-modal" aria-haspopup="dialog" />
  );
}
