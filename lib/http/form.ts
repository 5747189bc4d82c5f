import { ValidationError } from "../errors.ts";

/**
 * The submitted form of a request. A body that is not a form (no or another content type, a
 * malformed multipart body) is a 422 with a clear message, never a 500.
 */
export async function readForm(req: Request): Promise<FormData> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw new ValidationError({ form: "Send the form from its page (an HTML form body is expected)." });
  }
  try {
    return await req.formData();
  } catch {
    throw new ValidationError({ form: "The form could not be read. Reload the page and send it again." });
  }
}
