import type { ComponentChildren, PartialSelectHTMLAttributes } from "preact";
import { Field, type FieldProps, wireField } from "./Field.tsx";

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

type Wired = "id" | "name" | "value" | "required" | "aria-invalid" | "aria-describedby" | "size";

export interface SelectProps
  extends
    FieldProps,
    Omit<PartialSelectHTMLAttributes<HTMLSelectElement>, Wired | "class" | "className" | "role"> {
  label: ComponentChildren;
  name: string;
  options: SelectOption[];
  /** The selected option's value. */
  value?: string;
  /** Text of an empty first option ("Choose a room…"), selected while there is no value. */
  placeholder?: string;
  /** Defaults to `fieldId(name)`; the hint and error ids derive from it. */
  id?: string;
}

/** A labelled single-choice list with the same hint and error contract as Input. */
export function Select(
  { label, name, options, value, placeholder, hint, error, required, id, class: className, ...attributes }:
    SelectProps,
) {
  const wiring = wireField(name, id, hint, error);
  // `selected` on the option, because a server-rendered `<select value>` selects nothing.
  return (
    <Field wiring={wiring} label={label} hint={hint} error={error} required={required} class={className}>
      <select {...attributes} {...wiring.control} name={name} required={required} class="field">
        {placeholder !== undefined && <option value="" selected={!value}>{placeholder}</option>}
        {options.map((option) => (
          <option
            key={option.value}
            value={option.value}
            selected={option.value === value}
            disabled={option.disabled}
          >
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
