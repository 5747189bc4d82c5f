/**
 * An error that carries the HTTP status it should be answered with.
 *
 * ```ts
 * throw new HttpError(404, "No such room");
 * ```
 */
export class HttpError extends Error {
  constructor(readonly status: number, message?: string, options?: ErrorOptions) {
    super(message ?? `HTTP ${status}`, options);
    this.name = "HttpError";
  }
}
