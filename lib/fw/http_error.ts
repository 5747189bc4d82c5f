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

/** A route exists for the path but not for the method; `allow` lists the methods it has. */
export class MethodNotAllowedError extends HttpError {
  constructor(readonly allow: string[]) {
    super(405, "Method not allowed");
    this.name = "MethodNotAllowedError";
  }
}
