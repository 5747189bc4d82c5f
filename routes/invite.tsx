import type { Access } from "@/lib/auth/access.ts";
import { AuthPanel } from "@/components/AuthPanel.tsx";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import {
  acceptAsNewPerson,
  acceptAsSignedIn,
  acceptWithPassword,
  InvitationInvalid,
  InvitationPasswordWrong,
  type Joined,
  type OpenInvitation,
  openInvitation,
} from "@/lib/auth/invitations_accept.ts";
import { writeChallengeCookie } from "@/lib/auth/two_factor_cookie.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { fieldMessages } from "@/lib/scheduling/resource_validation.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { lockoutNotifier } from "@/lib/http/lockout_notifier.ts";
import { readSessionCookie, writeSessionCookie } from "@/lib/http/session_cookie.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { revokeSession } from "@/lib/kv/sessions.ts";
import type { Role } from "@/lib/kv/staff.ts";

export const access: Access = "public";

/**
 * How the invited person joins: `new` signs up (name and password), `existing` proves an account by
 * its password, `set_password` gives a password to an account that has none, `signed_in` is already
 * the invited person here.
 */
type Mode = "new" | "existing" | "set_password" | "signed_in";

type Data =
  | { valid: false }
  | {
    valid: true;
    token: string;
    mode: Mode;
    email: string;
    role: Role;
    inviter?: string;
    /** Someone else signed in here in this browser: accepting signs them out. */
    signedInAs?: string;
    name: string;
    errors: Record<string, string>;
  };

// 410: the link existed once (or never did); either way it will not work again.
const GONE = { status: 410 };

/**
 * The link from an invitation e-mail (journey 3). Opening it only shows the form (mail scanners open
 * links too); sending the form joins the studio and signs the person in here.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    ctx.hono.header("Cache-Control", "no-store");
    const token = ctx.url.searchParams.get("token") ?? "";
    const opened = await openInvitation(depsOf(ctx).kv, token, studio.tenant.id);
    if (!opened) return ctx.render({ valid: false }, GONE);
    return ctx.render(view(ctx, token, opened, "", {}));
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    ctx.hono.header("Cache-Control", "no-store");
    const form = await readForm(ctx.req);
    const token = String(form.get("token") ?? "");
    const name = String(form.get("name") ?? "");
    const password = String(form.get("password") ?? "");
    const { kv, config } = depsOf(ctx);
    const opened = await openInvitation(kv, token, studio.tenant.id);
    if (!opened) return ctx.render({ valid: false }, GONE);
    const page = view(ctx, token, opened, name, {});
    const acceptance = {
      tenantId: studio.tenant.id,
      token,
      ip: clientIp(ctx.hono),
      userAgent: ctx.req.headers.get("user-agent") ?? undefined,
      next: `${studio.base}/app`,
    };
    try {
      if (page.mode === "signed_in") {
        await acceptAsSignedIn(kv, { tenantId: studio.tenant.id, token, staffId: ctx.state.staff!.id });
        return ctx.redirect(`${studio.base}/app`);
      }
      const joined: Joined = page.mode === "new"
        ? await acceptAsNewPerson(kv, { ...acceptance, name, password }, studio.db)
        : await acceptWithPassword(kv, { ...acceptance, password }, studio.db, lockoutNotifier(ctx));
      // Whoever was signed in here in this browser is not the person who just joined.
      const previous = readSessionCookie(ctx.hono, config.https, studio.base);
      if (previous) await revokeSession(kv, previous);
      if (joined.status === "second_factor") {
        writeChallengeCookie(ctx.hono, config.https, studio.base, joined.challengeToken);
        return ctx.redirect(`${studio.base}/sign-in/two-factor`);
      }
      writeSessionCookie(ctx.hono, config.https, studio.base, joined.token);
      return ctx.redirect(`${studio.base}/app`);
    } catch (err) {
      if (err instanceof InvitationInvalid) return ctx.render({ valid: false }, GONE);
      // The address got an account meanwhile (another tab): show the form for an existing account.
      if (err instanceof ConflictError) return ctx.redirect(`${studio.base}/invite?token=${token}`);
      if (err instanceof InvitationPasswordWrong) {
        return ctx.render({ ...page, errors: { password: ctx.state.t("invite.wrong_password") } }, {
          status: 422,
        });
      }
      if (!(err instanceof ValidationError)) throw err;
      const errors = Object.fromEntries(
        Object.entries(fieldMessages(err, ctx.state.t)).filter(([field]) =>
          field === "name" || field === "password"
        ),
      );
      if (Object.keys(errors).length === 0) throw err;
      return ctx.render({ ...page, errors }, { status: 422 });
    }
  },
});

function view(
  ctx: Ctx,
  token: string,
  opened: OpenInvitation,
  name: string,
  errors: Record<string, string>,
): Extract<Data, { valid: true }> {
  const { invitation, person, inviterName } = opened;
  const staff = ctx.state.staff;
  const mode: Mode = staff && staff.email === invitation.email
    ? "signed_in"
    : !person
    ? "new"
    : person.passwordHash
    ? "existing"
    : "set_password";
  return {
    valid: true,
    token,
    mode,
    email: invitation.email,
    role: invitation.role,
    inviter: inviterName,
    signedInAs: staff && mode !== "signed_in" ? staff.name : undefined,
    name,
    errors,
  };
}

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const studio = state.studio!;
  const studioName = studio.tenant.name;
  if (!data.valid) {
    return (
      <AuthPanel title={t("invite.invalid.title")}>
        <p class="text-sm text-neutral-700">{t("invite.invalid.body")}</p>
        <div class="mt-4">
          <Button href={`${studio.base}/sign-in`} variant="secondary">{t("auth.back_to_sign_in")}</Button>
        </div>
      </AuthPanel>
    );
  }
  const role = t(`role.${data.role}`);
  const intro = data.inviter
    ? t("invite.intro", { inviter: data.inviter, studio: studioName, role })
    : t("invite.intro_anonymous", { studio: studioName, role });
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  const lead = data.mode === "new"
    ? t("invite.new.intro", { email: data.email })
    : data.mode === "existing"
    ? t("invite.existing.intro", { email: data.email, studio: studioName })
    : data.mode === "set_password"
    ? t("invite.set_password.intro", { email: data.email })
    : t("invite.signed_in.intro", { email: data.email });
  const submit = data.mode === "new"
    ? t("invite.new.submit")
    : data.mode === "signed_in"
    ? t("invite.signed_in.submit", { studio: studioName })
    : t("invite.existing.submit");
  return (
    <AuthPanel title={t("invite.title", { studio: studioName })}>
      <p class="mb-2 text-sm text-neutral-800">{intro}</p>
      <p class="mb-4 text-sm text-neutral-700">{lead}</p>
      {data.signedInAs && (
        <p role="note" class="mb-4 rounded-md bg-warning-50 p-3 text-sm text-warning-800">
          {t("invite.other_person", { name: data.signedInAs, email: data.email })}
        </p>
      )}
      <FormErrorSummary title={t("invite.problem")} errors={summary} class="mb-4" />
      <form method="post" class="flex flex-col gap-4">
        <input type="hidden" name="token" value={data.token} />
        {/* Lets password managers file the password under the invited address. */}
        <input type="hidden" name="username" value={data.email} autocomplete="username" />
        {data.mode === "new" && (
          <Input
            label={t("invite.new.name")}
            name="name"
            value={data.name}
            error={data.errors.name}
            autocomplete="name"
            required
          />
        )}
        {data.mode !== "signed_in" && (
          <Input
            label={t("auth.password")}
            name="password"
            type="password"
            autocomplete={data.mode === "existing" ? "current-password" : "new-password"}
            hint={data.mode === "existing" ? undefined : t("auth.sign_up.password_hint")}
            error={data.errors.password}
            required
          />
        )}
        <Button type="submit" class="w-full">{submit}</Button>
      </form>
    </AuthPanel>
  );
});
