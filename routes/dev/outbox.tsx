import type { Access } from "@/lib/auth/access.ts";
import { Card } from "@/components/Card.tsx";
import { EmptyState } from "@/components/EmptyState.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { NotFoundError } from "@/lib/errors.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { formatDateTime } from "@/lib/i18n/mod.ts";
import { listOutbox, type OutboxMessage } from "@/lib/kv/outbox.ts";

// Public, but only outside production: the messages hold live password-reset links.
export const access: Access = "public";

interface Data {
  messages: OutboxMessage[];
  /** The SMTP relay's host when SMTP_URL is set. */
  smtpHost?: string;
}

/** The local outbox (lib/kv/outbox.ts): e-mail kept instead of sent when SMTP_URL is not set. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const { config, kv } = depsOf(ctx);
    if (config.env === "production") throw new NotFoundError();
    const to = ctx.url.searchParams.get("to") ?? undefined;
    ctx.hono.header("Cache-Control", "no-store");
    return ctx.render({
      messages: await listOutbox(kv, { to }),
      smtpHost: config.mail.smtpUrl ? new URL(config.mail.smtpUrl).host : undefined,
    });
  },
});

const LINK = /(https?:\/\/[^\s<>"]+)/;

/**
 * The text with its links clickable, so a developer can follow a reset link from here. Every part
 * is an element: under the precompile JSX transform an array of bare strings is escaped twice.
 */
function TextWithLinks({ text }: { text: string }) {
  return (
    <>
      {text.split(LINK).map((part, i) =>
        i % 2 === 1
          ? <a key={i} href={part} class="break-all text-brand-700 underline focus-ring">{part}</a>
          : <span key={i}>{part}</span>
      )}
    </>
  );
}

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const zone = state.studio?.tenant.timezone ?? "UTC";
  return (
    <main id="main" class="mx-auto max-w-4xl px-4 py-10">
      <PageHeader title={t("dev.outbox.title")} description={t("dev.outbox.intro")} />
      <p class="mb-6 rounded-lg border border-line bg-surface p-4 text-sm text-neutral-800">
        {data.smtpHost ? t("dev.outbox.smtp_on", { host: data.smtpHost }) : t("dev.outbox.smtp_hint")}
      </p>
      {data.messages.length === 0
        ? <EmptyState title={t("dev.outbox.empty")} />
        : (
          <ol class="flex flex-col gap-4">
            {data.messages.map((message) => (
              <li key={message.id}>
                <Card title={message.subject} headingLevel={2}>
                  <dl class="mb-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                    <dt class="font-medium">{t("dev.outbox.to")}</dt>
                    <dd>{message.to}</dd>
                    <dt class="font-medium">{t("dev.outbox.from")}</dt>
                    <dd>{message.from}</dd>
                    <dt class="font-medium">{t("dev.outbox.sent_at")}</dt>
                    <dd>
                      <time dateTime={message.sentAt}>
                        {formatDateTime(Date.parse(message.sentAt), zone, state.locale, { time: "medium" })}
                      </time>
                    </dd>
                  </dl>
                  <pre class="whitespace-pre-wrap break-words font-sans text-sm text-neutral-800">
                  <TextWithLinks text={message.text} />
                  </pre>
                </Card>
              </li>
            ))}
          </ol>
        )}
    </main>
  );
});
