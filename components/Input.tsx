import type { ComponentChildren, PartialInputHTMLAttributes } from "preact";
import { Field, type FieldProps, wireField } from "./Field.tsx";

/** Text-like input types; checkboxes and radios need a different layout. */
export type InputType =
  | "text"
  | "email"
  | "password"
  | "number"
  | "tel"
  | "url"
  | "search"
  | "date"
  | "time"
  | "datetime-local"
  | "month"
  | "week";

type Wired = "id" | "name" | "type" | "value" | "required" | "aria-invalid" | "aria-describedby";

/** Any other `<input>` attribute (autocomplete, inputmode, min, placeholder …) is passed through. */
export interface InputProps
  extends
    FieldProps,
    Omit<PartialInputHTMLAttributes<HTMLInputElement>, Wired | "class" | "className" | "role"> {
  label: ComponentChildren;
  name: string;
  type?: InputType;
  value?: string | number;
  /** Defaults to `fieldId(name)`; the hint and error ids derive from it. */
  id?: string;
}

/** A labelled text-like input whose hint and error are announced with it. */
export function Input(
  { label, name, type = "text", value, hint, error, required, id, class: className, ...attributes }:
    InputProps,
) {
  const wiring = wireField(name, id, hint, error);
  // Preact's types pair each input type with its allowed roles; we set no role, so any InputType is valid.
  const inputType = type as "text";
  return (
    <Field wiring={wiring} label={label} hint={hint} error={error} required={required} class={className}>
      <input
        {...attributes}
        {...wiring.control}
        name={name}
        type={inputType}
        value={value}
        required={required}
        class="field"
      />
    </Field>
  );
}
