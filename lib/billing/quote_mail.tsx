import { renderToString } from "preact-render-to-string";
import { createTranslator, formatDate, type Locale } from "../i18n/mod.ts";
import type { MailMessage } from "../mail/mailer.ts";
import { formatAmount } from "./currency.ts";

export interface QuoteMailInput {
  to: string;
  /** The client's name, for the greeting. */
  name: string;
  studio: string;
  number: string;
  revision: number;
  total: number;
  currency: string;
  /** "YYYY-MM-DD", the last day the offer stands. */
  validUntil: string;
  /** The client's link: `${base}/q/<token>`. */
  link: string;
}

/** A local date "YYYY-MM-DD" as the reader writes dates (noon UTC: the same day in every zone). */
export function formatLocalDate(date: string, locale: Locale): string {
  return formatDate(new Date(`${date}T12:00:00Z`), "UTC", locale, "long");
}

/**
 * The e-mail that sends a quote: who it is from, the total, how long it stands and the link where
 * the client reads, accepts or declines it. Plain text with the link on its own line, and HTML
 * rendered with Preact (which escapes every name), like the account e-mails.
 */
export function quoteMail(locale: Locale, input: QuoteMailInput): MailMessage {
  const { t } = createTranslator(locale);
  const params = {
    studio: input.studio,
    number: input.number,
    total: formatAmount(input.total, input.currency, locale),
    date: formatLocalDate(input.validUntil, locale),
  };
  const greeting = input.name ? t("mail.greeting", { name: input.name }) : t("mail.greeting_anonymous");
  const intro = input.revision > 1
    ? t("quote_mail.intro_revision", { ...params, revision: String(input.revision) })
    : t("quote_mail.intro", params);
  const outro = t("quote_mail.outro", params);
  const signature = input.studio;
  const text = [greeting, intro, input.link, outro, `— ${signature}`].join("\n\n") + "\n";
  const html = "<!doctype html>" + renderToString(
    <html lang={locale}>
      <body style="font-family: sans-serif; line-height: 1.5; color: #1f2937">
        <p>{greeting}</p>
        <p>{intro}</p>
        <p>
          <a
            href={input.link}
            style="display: inline-block; padding: 10px 16px; background: #1d4ed8; color: #ffffff; border-radius: 6px; text-decoration: none"
          >
            {t("quote_mail.action")}
          </a>
        </p>
        <p style="font-size: 13px; color: #4b5563">
          {t("mail.link_fallback")}
          <br />
          <a href={input.link}>{input.link}</a>
        </p>
        <p>{outro}</p>
        <p>— {signature}</p>
      </body>
    </html>,
  );
  return { to: input.to, subject: t("quote_mail.subject", params), text, html };
}
