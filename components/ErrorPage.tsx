import { RateLimitedError, StudioUnavailableError } from "@/lib/errors.ts";
import { HttpError } from "@/lib/fw/http_error.ts";
import type { MessageId } from "@/lib/i18n/mod.ts";
import type { Props } from "@/lib/http/define.ts";
import { Button } from "./Button.tsx";

const COPY: Record<number, [MessageId, MessageId]> = {
  401: ["error.unauthorized.title", "error.unauthorized.body"],
  403: ["error.forbidden.title", "error.forbidden.body"],
  404: ["error.not_found.title", "error.not_found.body"],
  405: ["error.method_not_allowed.title", "error.method_not_allowed.body"],
  409: ["error.conflict.title", "error.conflict.body"],
  422: ["error.validation.title", "error.validation.body"],
  429: ["error.rate_limited.title", "error.rate_limited.body"],
};

/** The studio-styled page for any error status; never shows internals of a 5xx. */
export function ErrorPage({ error, state }: Props) {
  const status = error instanceof HttpError ? error.status : 500;
  const [title, body] = error instanceof StudioUnavailableError
    ? [`studio.${error.reason}.title` as const, `studio.${error.reason}.body` as const]
    : COPY[status] ?? ["error.server.title", "error.server.body"];
  const showMessage = status < 500 && status !== 404 && !(error instanceof StudioUnavailableError);
  return (
    <main id="main" class="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-4 px-6 py-16">
      <p class="text-sm font-semibold text-brand-700">{status}</p>
      <h1 class="text-3xl font-bold tracking-tight">{state.t(title)}</h1>
      <p class="text-neutral-700">
        {state.t(body, {
          requestId: state.requestId,
          seconds: error instanceof RateLimitedError ? error.retryAfterSeconds : 0,
        })}
      </p>
      {showMessage && error instanceof Error && error.message && !error.message.startsWith("HTTP ")
        ? <p class="text-neutral-700">{error.message}</p>
        : null}
      <div>
        <Button href="/" variant="secondary">{state.t("error.back_home")}</Button>
      </div>
    </main>
  );
}
