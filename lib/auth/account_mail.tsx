import { renderToString } from "preact-render-to-string";
import { createTranslator, type Locale, type MessageId } from "../i18n/mod.ts";
import type { MailMessage } from "../mail/mailer.ts";

/** Who a message about their account goes to, and the link it carries. */
export interface AccountMailInput {
  to: string;
  name: string;
  studio: string;
  link: string;
}

/** The password-reset e-mail: a link to /reset-password on the studio's address. */
export function passwordResetMail(locale: Locale, input: AccountMailInput): MailMessage {
  return accountMail(locale, input, {
    subject: "mail.reset.subject",
    intro: "mail.reset.intro",
    action: "mail.reset.action",
    ignore: "mail.reset.ignore",
  });
}

/** The e-mail verification message sent after sign-up: a link to /verify-email. */
export function verificationMail(locale: Locale, input: AccountMailInput): MailMessage {
  return accountMail(locale, input, {
    subject: "mail.verify.subject",
    intro: "mail.verify.intro",
    action: "mail.verify.action",
    ignore: "mail.verify.ignore",
  });
}

interface Copy {
  subject: MessageId;
  intro: MessageId;
  action: MessageId;
  ignore: MessageId;
}

/**
 * One message in two forms: plain text (the link on a line of its own, so mail clients make it
 * clickable) and HTML rendered with Preact, which escapes every name and link. No images, no
 * external styles: mail clients block them, and a link-only message is less likely to be flagged.
 */
function accountMail(locale: Locale, input: AccountMailInput, copy: Copy): MailMessage {
  const { t } = createTranslator(locale);
  const greeting = t("mail.greeting", { name: input.name });
  const intro = t(copy.intro, { studio: input.studio });
  const ignore = t(copy.ignore);
  const signature = t("mail.signature");
  const text = [greeting, intro, input.link, ignore, `— ${signature}`].join("\n\n") + "\n";
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
            {t(copy.action)}
          </a>
        </p>
        <p style="font-size: 13px; color: #4b5563">
          {t("mail.link_fallback")}
          <br />
          <a href={input.link}>{input.link}</a>
        </p>
        <p>{ignore}</p>
        <p>— {signature}</p>
      </body>
    </html>,
  );
  return { to: input.to, subject: t(copy.subject, { studio: input.studio }), text, html };
}
