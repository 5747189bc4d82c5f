/**
 * The shape every e-mail to a studio's client shares: a greeting, paragraphs, labelled lists (session
 * times), an optional button with its link, a closing line and the studio's name as signature. Plain
 * text, and HTML rendered with Preact (which escapes every name a client or staff typed), like
 * lib/billing/quote_mail.tsx.
 */
import { Fragment } from "preact";
import { renderToString } from "preact-render-to-string";
import { createTranslator, type Locale } from "../i18n/mod.ts";
import type { MailMessage } from "../mail/mailer.ts";

/** A paragraph, or a label followed by one line per item (e.g. "When:" and each session block). */
export type MailBlock = string | { label: string; items: string[] };

export interface ClientMailParts {
  to: string;
  /** The client's name, for the greeting; empty greets no one by name. */
  name: string;
  studio: string;
  subject: string;
  body: MailBlock[];
  action?: { label: string; link: string };
  outro?: string;
}

export function clientMail(locale: Locale, parts: ClientMailParts): MailMessage {
  const { t } = createTranslator(locale);
  const greeting = parts.name ? t("mail.greeting", { name: parts.name }) : t("mail.greeting_anonymous");
  const textBlocks = parts.body.map((block) =>
    typeof block === "string" ? block : [block.label, ...block.items.map((item) => `- ${item}`)].join("\n")
  );
  const text = [
    greeting,
    ...textBlocks,
    // French sets a no-break space before the colon.
    ...(parts.action
      ? [`${parts.action.label}${locale === "fr" ? "\u00a0:" : ":"}\n${parts.action.link}`]
      : []),
    ...(parts.outro ? [parts.outro] : []),
    `— ${parts.studio}`,
  ].join("\n\n") + "\n";
  const html = "<!doctype html>" + renderToString(
    <html lang={locale}>
      <body style="font-family: sans-serif; line-height: 1.5; color: #1f2937">
        <p>{greeting}</p>
        {parts.body.map((block, i) =>
          typeof block === "string" ? <p key={i}>{block}</p> : (
            <Fragment key={i}>
              <p style="margin-bottom: 4px">
                <strong>{block.label}</strong>
              </p>
              <ul style="margin-top: 0">
                {block.items.map((item, j) => <li key={j}>{item}</li>)}
              </ul>
            </Fragment>
          )
        )}
        {parts.action && (
          <>
            <p>
              <a
                href={parts.action.link}
                style="display: inline-block; padding: 10px 16px; background: #1d4ed8; color: #ffffff; border-radius: 6px; text-decoration: none"
              >
                {parts.action.label}
              </a>
            </p>
            <p style="font-size: 13px; color: #4b5563">
              {t("mail.link_fallback")}
              <br />
              <a href={parts.action.link}>{parts.action.link}</a>
            </p>
          </>
        )}
        {parts.outro && <p>{parts.outro}</p>}
        <p>— {parts.studio}</p>
      </body>
    </html>,
  );
  return { to: parts.to, subject: parts.subject, text, html };
}
