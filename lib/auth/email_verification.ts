/**
 * E-mail verification: after sign-up the owner gets a single-use link, valid for 24 hours, to the
 * new studio's /verify-email; opening it stamps `emailVerifiedAt` on their identity. The token is
 * stored hashed (lib/kv/email_tokens.ts) and bound to the studio and the address it was sent to.
 *
 * ```ts
 * await sendEmailVerification(kv, mailer, { staff, tenantId, studioName, studioAddress, locale });
 * const staff = await verifyEmail(kv, token, tenant.id, db); // null: expired, used, elsewhere
 * ```
 */
import { type AuditWriter, recordAudit } from "../audit/audit.ts";
import type { Locale } from "../i18n/mod.ts";
import { consumeEmailToken, issueEmailToken } from "../kv/email_tokens.ts";
import { getStaff, markEmailVerified, type StaffIdentity } from "../kv/staff.ts";
import type { Mailer } from "../mail/mailer.ts";
import { verificationMail } from "./account_mail.tsx";

export interface VerificationRequest {
  staff: Pick<StaffIdentity, "id" | "email" | "name">;
  tenantId: string;
  studioName: string;
  /** The studio's home address, ending in "/" (lib/tenancy/studio_url.ts). */
  studioAddress: string;
  locale: Locale;
}

/** Issues a verification link and e-mails it; rejects when the mailer does. */
export async function sendEmailVerification(
  kv: Deno.Kv,
  mailer: Mailer,
  request: VerificationRequest,
): Promise<void> {
  const token = await issueEmailToken(kv, "verify_email", {
    staffId: request.staff.id,
    tenantId: request.tenantId,
    email: request.staff.email,
  });
  await mailer.send(verificationMail(request.locale, {
    to: request.staff.email,
    name: request.staff.name,
    studio: request.studioName,
    link: `${request.studioAddress}verify-email?token=${token}`,
  }));
}

/**
 * Uses a verification link up and marks the address verified; returns the person, or null when the
 * link is unknown, used, expired, for another studio, or for an address the person no longer has.
 */
export async function verifyEmail(
  kv: Deno.Kv,
  token: string,
  tenantId: string,
  audit?: AuditWriter,
  from: { ip?: string; userAgent?: string } = {},
): Promise<StaffIdentity | null> {
  const record = await consumeEmailToken(kv, "verify_email", token, tenantId);
  if (!record) return null;
  const staff = await getStaff(kv, record.staffId);
  if (!staff || staff.email !== record.email) return null;
  const verified = await markEmailVerified(kv, staff.id, record.email);
  if (audit) {
    await recordAudit(audit, {
      actor: { type: "staff", id: staff.id, label: staff.email },
      action: "auth.email_verified",
      entity: { type: "staff", id: staff.id },
      ...from,
    });
  }
  return verified;
}
