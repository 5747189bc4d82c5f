import type { Config } from "../config.ts";
import { ConflictError, RateLimitedError, ValidationError } from "../errors.ts";
import { type Problem, ResourceValidationError } from "../scheduling/resource_validation.ts";
import { log } from "../http/logger.ts";
import { DEFAULT_LOCALE, isSupportedLocale } from "../i18n/mod.ts";
import { createHandoff } from "../kv/handoff_tokens.ts";
import { hitRateLimit, type RateLimitRule } from "../kv/rate_limits.ts";
import { getStaff, getStaffByEmail, normalizeEmail } from "../kv/staff.ts";
import type { Tenant } from "../kv/tenants.ts";
import type { Mailer } from "../mail/mailer.ts";
import { createStudio } from "../tenancy/create_studio.ts";
import { parseNewStudio } from "../tenancy/provision.ts";
import { studioUrl } from "../tenancy/studio_url.ts";
import type { Tenancy } from "../tenancy/tenancy.ts";
import { sendEmailVerification } from "./email_verification.ts";
import { checkOwner } from "./owner.ts";
import { verifyPassword } from "./password.ts";

/** New studios from one address: enough for a person, not for a script. */
export const SIGN_UPS_PER_ADDRESS: RateLimitRule = {
  name: "sign-up:address",
  limit: 5,
  windowMs: 60 * 60_000,
};

export interface SignUpForm {
  studioName: string;
  slug: string;
  country: string;
  timezone: string;
  currency: string;
  locale: string;
  ownerName: string;
  ownerEmail: string;
  ownerPassword: string;
  ip: string;
}

/** How sign-up reaches the new owner: the mailer, and the settings that make the studio's address. */
export interface SignUpMail {
  mailer: Mailer;
  config: Pick<Config, "baseUrl" | "baseDomain">;
}

/** Form field names for the settings' error keys. */
const FIELD_OF: Record<string, string> = { name: "studioName" };

/**
 * Journey 1: creates a studio, its owner and a one-time token that signs the owner in at the
 * studio's own address. Every field is checked before anything is written; studio and owner are then
 * created all or nothing (`createStudio`), so nothing is ever half-created. An e-mail that already has an
 * account must come with that account's password (else anyone could sign in as its owner).
 * A new owner's address is then sent a verification link; if that fails the studio stays created
 * and the failure is logged (the owner can still sign in, and a link can be sent again).
 */
export async function signUp(
  tenancy: Tenancy,
  form: SignUpForm,
  mail: SignUpMail,
): Promise<{ tenant: Tenant; handoff: string }> {
  const limit = await hitRateLimit(tenancy.kv, SIGN_UPS_PER_ADDRESS, form.ip);
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds, "Too many new studios from here.");

  const studio = {
    name: form.studioName,
    slug: form.slug.trim().toLowerCase(),
    country: form.country.toUpperCase() || undefined,
    timezone: form.timezone,
    currency: form.currency.toUpperCase(),
    locale: form.locale,
  };
  const owner = { email: form.ownerEmail, password: form.ownerPassword, name: form.ownerName };
  const errors: Record<string, string> = {};
  // Problems with a catalogue message (the password rules) keep it, for the page's language.
  const problems: Record<string, Problem> = {};
  await collect(errors, () => parseNewStudio(studio, tenancy.regions));
  if (!owner.name.trim()) errors.ownerName = "Give your name.";
  await collect(errors, async () => {
    const { existing } = await checkOwner(tenancy.kv, owner).catch((err) => {
      if (err instanceof ResourceValidationError) Object.assign(problems, err.problems);
      throw err;
    });
    const account = existing ? await getStaffByEmail(tenancy.kv, normalizeEmail(owner.email)) : null;
    if (account && !(account.passwordHash && await verifyPassword(owner.password, account.passwordHash))) {
      errors.ownerPassword =
        "This e-mail already has an account: enter its password to add this studio to it.";
    }
  });
  if (Object.keys(errors).length > 0) {
    throw new ResourceValidationError(
      Object.fromEntries(
        Object.entries(errors).map((
          [field, text],
        ) => [field, problems[field]?.text === text ? problems[field] : { text }]),
      ),
    );
  }

  // All or nothing: createStudio adds the owner in the same atomic write that activates the studio
  // and rolls back on any failure before it. A half-made studio under the slug is not ours to finish.
  const { tenant, ownerId } = await createStudio(tenancy, studio, owner, {
    resume: false,
    actor: { type: "staff", label: normalizeEmail(owner.email) },
    ip: form.ip,
  }).catch((err) => {
    // A slug taken between the check and the write is the slug field's problem.
    if (err instanceof ConflictError) {
      throw new ValidationError(
        /slug/.test(err.message) ? { slug: err.message } : { ownerEmail: err.message },
      );
    }
    throw err;
  });
  // The studio is complete from here on: if this fails the owner still signs in with their password.
  const handoff = await createHandoff(tenancy.kv, { staffId: ownerId, tenantId: tenant.id });
  const result = { tenant, handoff, staffId: ownerId };
  await sendVerification(tenancy.kv, mail, tenant, result.staffId, form.locale);
  return { tenant: result.tenant, handoff: result.handoff };
}

/** E-mails a verification link unless the address is verified already; never throws. */
async function sendVerification(
  kv: Deno.Kv,
  mail: SignUpMail,
  tenant: Tenant,
  staffId: string,
  locale: string,
): Promise<void> {
  try {
    const staff = await getStaff(kv, staffId);
    if (!staff || staff.emailVerifiedAt) return;
    await sendEmailVerification(kv, mail.mailer, {
      staff,
      tenantId: tenant.id,
      studioName: tenant.name,
      studioAddress: studioUrl(mail.config, tenant.slug),
      locale: isSupportedLocale(locale) ? locale : DEFAULT_LOCALE,
    });
  } catch (error) {
    log.error("the verification e-mail after sign-up was not sent", {
      tenantId: tenant.id,
      staffId,
      mailer: mail.mailer.kind,
      error,
    });
  }
}

async function collect(errors: Record<string, string>, check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    for (const [field, message] of Object.entries(err.fields)) errors[FIELD_OF[field] ?? field] ??= message;
  }
}
