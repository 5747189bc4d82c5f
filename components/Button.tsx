import type { ButtonHTMLAttributes, ComponentChildren, PartialAnchorHTMLAttributes } from "preact";
import { cx } from "./cx.ts";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "sm" | "md";

interface ButtonLook {
  /** "primary" unless given: one primary action per view, "danger" for destructive ones. */
  variant?: ButtonVariant;
  /** "md" (40px high) unless given; "sm" (32px) for dense rows such as table actions. */
  size?: ButtonSize;
  disabled?: boolean;
  /** Layout classes (margins, width); the look comes from variant and size. */
  class?: string;
  children: ComponentChildren;
}

type Own = keyof ButtonLook | "className";

/** With `href` it navigates, so it is a link. */
export type LinkButtonProps =
  & ButtonLook
  & Omit<PartialAnchorHTMLAttributes<HTMLAnchorElement>, Own | "role">
  & { href: string };

/** Without `href` it acts, so it is a `<button>`; `type` is "button" unless given. */
export type ActionButtonProps =
  & ButtonLook
  & Omit<ButtonHTMLAttributes<HTMLButtonElement>, Own>
  & { href?: undefined };

export type ButtonProps = LinkButtonProps | ActionButtonProps;

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-on-brand hover:bg-brand-700",
  secondary: "border-line-strong bg-surface text-ink shadow-xs hover:bg-neutral-100",
  danger: "bg-danger-600 text-white hover:bg-danger-700",
  ghost: "text-ink hover:bg-neutral-100",
};

const SIZES: Record<ButtonSize, string> = {
  sm: "h-8 px-3 text-sm",
  md: "h-10 px-4 text-sm",
};

/** The classes of a button look, for elements Button does not render (e.g. a `<label>` for a file input). */
export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "md"): string {
  return cx("btn", VARIANTS[variant], SIZES[size]);
}

/** A button, or a link that looks like one when given `href`. */
export function Button(props: ButtonProps) {
  if (props.href !== undefined) {
    const { href, variant, size, disabled, class: className, children, ...attributes } = props;
    const classes = cx(buttonClass(variant, size), className);
    // A link cannot be disabled: without href it leaves the tab order and goes nowhere.
    return disabled
      ? <a {...attributes} role="link" aria-disabled="true" class={classes}>{children}</a>
      : <a {...attributes} href={href} class={classes}>{children}</a>;
  }
  const { href: _href, variant, size, class: className, type = "button", children, ...attributes } = props;
  return (
    <button {...attributes} type={type} class={cx(buttonClass(variant, size), className)}>
      {children}
    </button>
  );
}
