import type { ComponentChildren } from "preact";
import { fieldId } from "./Field.tsx";
import { cx } from "./cx.ts";

export interface FieldError {
  /** The field's name; the link goes to `fieldId(name)`, the id Input, Select and Textarea use. */
  name: string;
  message: string;
  /** The field's id when it was given one explicitly. */
  id?: string;
}

export interface FormErrorSummaryProps {
  /** E.g. t("There are 2 problems with this form"). */
  title: ComponentChildren;
  errors: FieldError[];
  /** Moves focus here when the page loads, so the errors are read first; true unless given. */
  autofocus?: boolean;
  class?: string;
}

/**
 * The list of a rejected form's errors, above the form, each linking to its field. Renders nothing
 * when there are no errors, so pages can render it unconditionally.
 */
export function FormErrorSummary(
  { title, errors, autofocus = true, class: className }: FormErrorSummaryProps,
) {
  if (errors.length === 0) return null;
  return (
    <div
      role="alert"
      tabindex={-1}
      autofocus={autofocus}
      class={cx("rounded-lg border-2 border-danger-700 bg-danger-50 p-4 focus-ring", className)}
    >
      <h2 class="text-base font-semibold text-danger-800">{title}</h2>
      <ul class="mt-2 list-disc space-y-1 ps-5 text-sm text-danger-800">
        {errors.map((error, index) => (
          <li key={index}>
            <a
              href={`#${error.id ?? fieldId(error.name)}`}
              class="font-medium underline underline-offset-2 hover:no-underline focus-ring"
            >
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
