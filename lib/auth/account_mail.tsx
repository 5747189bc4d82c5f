import { renderToString } from "preact-render-to-string";
import { createTranslator, type Locale, type MessageId, type MessageParams } from "../i18n/mod.ts";
import type { Role } from "../kv/staff.ts";
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

/** An invitation to join a studio: a link to /invite on the studio's address. */
export interface InvitationMailInput {
  to: string;
  /** The invitee's name when they already have an account; else the greeting names no one. */
  name?: string;
  studio: string;
  /** Who sent it, when they can be named. */
  inviter?: string;
  role: Role;
  link: string;
}

export function invitationMail(locale: Locale, input: InvitationMailInput): MailMessage {
  const { t } = createTranslator(locale);
  const params = { role: t(`role.${input.role}`), inviter: input.inviter ?? "" };
  return accountMail(locale, { ...input, name: input.name ?? "" }, {
    subject: input.inviter ? "mail.invite.subject" : "mail.invite.subject_anonymous",
    intro: input.inviter ? "mail.invite.intro" : "mail.invite.intro_anonymous",
    action: "mail.invite.action",
    ignore: "mail.invite.ignore",
  }, params);
}

/**
 * The notice sent when wrong passwords lock an account out of signing in: the link leads to the
 * forgotten-password page, in case the guesses were not the owner's own.
 */
export function lockoutNoticeMail(
  locale: Locale,
  input: AccountMailInput & { minutes: number },
): MailMessage {
  return accountMail(locale, input, {
    subject: "mail.lockout.subject",
    intro: "mail.lockout.intro",
    action: "mail.lockout.action",
    ignore: "mail.lockout.ignore",
  }, { minutes: input.minutes });
}

/** A client's sign-in link to the studio's portal (lib/portal/accounts.ts): no account name yet. */
export function portalSignInMail(locale: Locale, input: AccountMailInput): MailMessage {
  return accountMail(locale, input, {
    subject: "mail.portal.subject",
    intro: "mail.portal.intro",
    action: "mail.portal.action",
    ignore: "mail.portal.ignore",
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
function accountMail(
  locale: Locale,
  input: AccountMailInput,
  copy: Copy,
  params: MessageParams = {},
): MailMessage {
  const { t } = createTranslator(locale);
  const greeting = input.name ? t("mail.greeting", { name: input.name }) : t("mail.greeting_anonymous");
  const intro = t(copy.intro, { studio: input.studio, ...params });
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
  return { to: input.to, subject: t(copy.subject, { studio: input.studio, ...params }), text, html };
}
