import { Field, wireField } from "./Field.tsx";

export interface ColourFieldProps {
  label: string;
  name: string;
  /** "#rrggbb" */
  value: string;
  hint?: string;
  error?: string;
}

/** A colour picker (`<input type="color">`, which always submits "#rrggbb") with Field's label and error. */
export function ColourField({ label, name, value, hint, error }: ColourFieldProps) {
  const wiring = wireField(name, undefined, hint, error);
  return (
    <Field wiring={wiring} label={label} hint={hint} error={error}>
      <input
        {...wiring.control}
        type="color"
        name={name}
        value={value}
        class="h-10 w-20 cursor-pointer rounded-md border border-line-strong bg-surface p-1 focus-ring"
      />
    </Field>
  );
}
