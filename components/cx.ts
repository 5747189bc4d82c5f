/**
 * Joins class names, skipping the falsy ones, so conditions read inline:
 * `cx("btn", isActive && "bg-brand-50", className)`.
 */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}
