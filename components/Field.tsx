import type { ComponentChildren } from "preact";
import { cx } from "./cx.ts";

/**
 * The id a control named `name` gets unless it is given one. FormErrorSummary links to the same id,
 * so `fieldId("contacts[0].email")` is how a page points at a field from elsewhere.
 */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "")}`;
}

/** The ids of a control and its messages, and the attributes that tie them together. */
export interface FieldWiring {
  id: string;
  hintId: string;
  errorId: string;
  control: {
    id: string;
    "aria-invalid": "true" | undefined;
    /** The error comes first: it is what a screen-reader user needs to hear before the hint. */
    "aria-describedby": string | undefined;
  };
}

export function wireField(
  name: string,
  id: string | undefined,
  hint: ComponentChildren,
  error: string | undefined,
): FieldWiring {
  const controlId = id ?? fieldId(name);
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [error ? errorId : "", hint ? hintId : ""].filter(Boolean).join(" ");
  return {
    id: controlId,
    hintId,
    errorId,
    control: {
      id: controlId,
      // A bare `aria-invalid` attribute means "false", so the value is spelled out.
      "aria-invalid": error ? "true" : undefined,
      "aria-describedby": describedBy || undefined,
    },
  };
}

/** What Input, Select and Textarea share besides their control. */
export interface FieldProps {
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string;
  required?: boolean;
  /** Layout classes for the wrapper (width, grid placement); the control's look is fixed. */
  class?: string;
}

/**
 * Label, hint, error and control in the order people need them: the error sits above the control so
 * that it is in view when FormErrorSummary jumps to the field.
 */
export function Field(
  { wiring, label, hint, error, required, class: className, children }: FieldProps & {
    wiring: FieldWiring;
    children: ComponentChildren;
  },
) {
  return (
    <div class={cx("flex flex-col gap-1.5", className)}>
      <label for={wiring.id} class="text-sm font-medium text-ink">
        {label}
        {required && <span aria-hidden="true" class="ms-0.5 text-danger-700">*</span>}
      </label>
      {hint && <p id={wiring.hintId} class="text-sm text-ink-muted">{hint}</p>}
      {error && <p id={wiring.errorId} class="text-sm font-medium text-danger-700">{error}</p>}
      {children}
    </div>
  );
}
