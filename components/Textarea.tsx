import type { ComponentChildren, TextareaHTMLAttributes } from "preact";
import { Field, type FieldProps, wireField } from "./Field.tsx";

type Wired = "id" | "name" | "value" | "required" | "aria-invalid" | "aria-describedby";

export interface TextareaProps
  extends
    FieldProps,
    Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Wired | "class" | "className" | "role"> {
  label: ComponentChildren;
  name: string;
  value?: string;
  /** Visible lines; 4 unless given. */
  rows?: number;
  /** Defaults to `fieldId(name)`; the hint and error ids derive from it. */
  id?: string;
}

/** A labelled multi-line text field with the same hint and error contract as Input. */
export function Textarea(
  { label, name, value, rows = 4, hint, error, required, id, class: className, ...attributes }: TextareaProps,
) {
  const wiring = wireField(name, id, hint, error);
  // HTML drops one newline right after <textarea>, so a value that starts with one needs another.
  const content = value?.startsWith("\n") ? `\n${value}` : value;
  return (
    <Field wiring={wiring} label={label} hint={hint} error={error} required={required} class={className}>
      <textarea {...attributes} {...wiring.control} name={name} rows={rows} required={required} class="field">
        {content}
      </textarea>
    </Field>
  );
}
