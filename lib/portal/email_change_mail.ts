/**
 * The two e-mails of a sign-in address change: the confirmation link to the new address, and the
 * notice to the old one once it has changed (so a change nobody asked for does not go unnoticed).
 */
import { createTranslator, type Locale } from "../i18n/mod.ts";
import type { MailMessage } from "../mail/mailer.ts";
import { clientMail } from "../notifications/client_mail.tsx";

export function emailChangeLinkMail(
  locale: Locale,
  input: { to: string; name: string; studio: string; link: string },
): MailMessage {
  const { t } = createTranslator(locale);
  return clientMail(locale, {
    to: input.to,
    name: input.name,
    studio: input.studio,
    subject: t("portal_account.mail.change.subject", { studio: input.studio }),
    body: [t("portal_account.mail.change.intro", { studio: input.studio })],
    action: { label: t("portal_account.mail.change.action"), link: input.link },
    outro: t("portal_account.mail.change.ignore"),
  });
}

export function emailChangedNoticeMail(
  locale: Locale,
  input: { to: string; name: string; studio: string; newEmail: string },
): MailMessage {
  const { t } = createTranslator(locale);
  return clientMail(locale, {
    to: input.to,
    name: input.name,
    studio: input.studio,
    subject: t("portal_account.mail.changed.subject", { studio: input.studio }),
    body: [t("portal_account.mail.changed.body", { studio: input.studio, email: input.newEmail })],
  });
}
