import { NOTIFY_FIELD } from "@/lib/notifications/staff_notices.ts";
import { cx } from "./cx.ts";

export interface NotifyClientCheckboxProps {
  label: string;
  /** Ticked by default when the client has an e-mail address. */
  checked: boolean;
  class?: string;
}

/** "E-mail the client": ticked, the route mails the client once the change is saved (lib/notifications). */
export function NotifyClientCheckbox({ label, checked, class: className }: NotifyClientCheckboxProps) {
  return (
    <label class={cx("flex items-center gap-2 text-sm", className)}>
      <input type="checkbox" name={NOTIFY_FIELD} checked={checked} class="size-4" />
      {label}
    </label>
  );
}
