import { cx } from "./cx.ts";
import type { FieldProps } from "./Field.tsx";
import { wireField } from "./Field.tsx";

export interface CheckboxProps extends Omit<FieldProps, "required"> {
  name: string;
  checked: boolean;
  /** Defaults to `fieldId(name)`, as Input's. */
  id?: string;
}

/**
 * A yes/no setting: the box beside its label, the hint below, and an error announced with it. The
 * box posts "1" when ticked and nothing otherwise.
 */
export function Checkbox({ label, name, checked, hint, error, id, class: className }: CheckboxProps) {
  const wiring = wireField(name, id, hint, error);
  return (
    <div class={cx("flex flex-col gap-1", className)}>
      {error && <p id={wiring.errorId} class="text-sm font-medium text-danger-700">{error}</p>}
      <label class="flex items-start gap-2 text-sm text-ink">
        <input
          type="checkbox"
          name={name}
          value="1"
          checked={checked}
          {...wiring.control}
          class="mt-0.5 size-4"
        />
        {label}
      </label>
      {hint && <p id={wiring.hintId} class="text-sm text-ink-muted">{hint}</p>}
    </div>
  );
}
