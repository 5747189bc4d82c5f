/**
 * What the quote action forms (send, convert, revise) post besides their own fields: the `version`
 * the page showed, so an action on a quote changed since is refused as a conflict.
 */
import { ValidationError } from "../errors.ts";

/** The posted `version`; a ValidationError when it is missing or not a whole number. */
export function postedVersion(form: FormData): number {
  const version = Number(form.get("version"));
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new ValidationError(
      { version: "Reload the quote and try again." },
      "The form did not say which version of the quote it was made from. Reload the quote and try again.",
    );
  }
  return version;
}

/**
 * Runs a quote action; a ValidationError comes back with its field messages as its message, so the
 * error page (which shows the message) says what to fix rather than "invalid fields".
 */
export async function explained<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof ValidationError && err.message === "The request has invalid fields.") {
      throw new ValidationError(err.fields, Object.values(err.fields).join(" "));
    }
    throw err;
  }
}
