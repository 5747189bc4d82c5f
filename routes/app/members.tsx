import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { Dialog, DialogTrigger } from "@/components/Dialog.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Select } from "@/components/Select.tsx";
import { Table } from "@/components/Table.tsx";
import { Toast } from "@/components/Toast.tsx";
import {
  inviteMember,
  pendingInvitations,
  resendInvitation,
  withdrawInvitation,
} from "@/lib/auth/invitations.ts";
import {
  type Actor,
  assignableRoles,
  changeMemberRole,
  listTeam,
  MemberChangeRefused,
  type MemberProblem,
  removeMember,
  type TeamMember,
} from "@/lib/auth/members.ts";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { ValidationError } from "@/lib/errors.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { clearSessionCookie } from "@/lib/http/session_cookie.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";
import { formatDate } from "@/lib/i18n/format.ts";
import { negotiateLocale, type Translator } from "@/lib/i18n/mod.ts";
import type { Invitation } from "@/lib/kv/invitations.ts";
import type { Role } from "@/lib/kv/staff.ts";

export const access: Access = { permission: "members.manage" };

const DONE = ["invited", "undelivered", "resent", "revoked", "role_changed", "removed"] as const;
type Done = (typeof DONE)[number];

/** A refused change, tied to the control it concerns so the summary can link to it. */
interface Problem {
  id: string;
  problem: MemberProblem;
}

interface Data {
  team: TeamMember[];
  invitations: Invitation[];
  roles: Role[];
  invite: { email: string; role: string };
  problems: Problem[];
  flash?: { done: Done; email?: string; member?: TeamMember };
}

const INVITE_DEFAULTS = { email: "", role: "engineer" };

/** The team page, for owners: members and their roles, pending invitations, and the invite form. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "members.manage");
    const data = await pageData(ctx, { invite: INVITE_DEFAULTS, problems: [] });
    return ctx.render({ ...data, flash: flashOf(ctx.url, data.team) });
  },
  async POST(ctx) {
    const actor: Actor = ctx.state.staff!;
    requirePermission(actor.role, "members.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const field = (name: string) => String(form.get(name) ?? "");
    const [intent, email, staffId, role] = ["intent", "email", "staffId", "role"].map(field);
    const { kv, mailer, config } = depsOf(ctx);
    const tenant = studio.tenant;
    const from = { ip: clientIp(ctx.hono), userAgent: ctx.req.headers.get("user-agent") ?? undefined };
    const origin = studioOrigin(ctx.url, config);
    const linkFor = (token: string) => `${origin}${studio.base}/invite?token=${token}`;
    const back = (params: Record<string, string>) =>
      ctx.redirect(`${studio.base}/app/members?${new URLSearchParams(params)}`);
    try {
      switch (intent) {
        case "invite": {
          // The invitee's language is not known yet; the studio's is the best guess.
          const locale = negotiateLocale({ studio: tenant.locale }, config.defaultLocale);
          const sent = await inviteMember(
            kv,
            mailer,
            { tenant, actor, email, role, locale, linkFor, from },
            studio.db,
          );
          return back({ done: sent.delivered ? "invited" : "undelivered", email: sent.invitation.email });
        }
        case "resend": {
          const sent = await resendInvitation(kv, mailer, { tenant, actor, email, linkFor, from }, studio.db);
          return back({ done: sent.delivered ? "resent" : "undelivered", email: sent.invitation.email });
        }
        case "revoke": {
          const revoked = await withdrawInvitation(kv, { tenant, actor, email, from }, studio.db);
          return back({ done: "revoked", email: revoked.email });
        }
        case "role": {
          const { after } = await changeMemberRole(
            kv,
            { tenantId: tenant.id, actor, staffId, role, from },
            studio.db,
          );
          // Owners who just gave up the owner role may no longer see this page.
          if (staffId === actor.id && !can(after, "members.manage")) {
            return ctx.redirect(`${studio.base}/app`);
          }
          return back({ done: "role_changed", member: staffId });
        }
        case "remove": {
          const { staff } = await removeMember(kv, { tenantId: tenant.id, actor, staffId, from }, studio.db);
          if (staffId === actor.id) {
            // Leaving the studio ended this very session.
            clearSessionCookie(ctx.hono, config.https, studio.base);
            return ctx.redirect(`${studio.base}/sign-in`);
          }
          return back({ done: "removed", email: staff?.email ?? "" });
        }
        default:
          throw new ValidationError({ intent: "Send the form from the team page." });
      }
    } catch (err) {
      if (!(err instanceof MemberChangeRefused)) throw err;
      const problems = Object.entries(err.problems).map(([name, problem]) => ({
        id: controlId(intent, name, staffId),
        problem,
      }));
      const invite = intent === "invite" ? { email, role } : INVITE_DEFAULTS;
      return ctx.render(await pageData(ctx, { invite, problems }), { status: 422 });
    }
  },
});

async function pageData(ctx: Ctx, rest: Pick<Data, "invite" | "problems">): Promise<Data> {
  const { kv } = depsOf(ctx);
  const tenantId = ctx.state.studio!.tenant.id;
  const [team, invitations] = await Promise.all([listTeam(kv, tenantId), pendingInvitations(kv, tenantId)]);
  return { team, invitations, roles: assignableRoles(ctx.state.staff!.role), ...rest };
}

/** The control a refusal points at: the invite form's fields, a member's row, or the pending list. */
function controlId(intent: string, name: string, staffId: string): string {
  if (intent === "invite") return `invite-${name}`;
  if (intent === "role") return `role-${staffId}`;
  if (intent === "remove") return `remove-${staffId}`;
  return "pending";
}

/** The confirmation after a redirect, read back from a fixed set (the query is only a pointer). */
function flashOf(url: URL, team: TeamMember[]): Data["flash"] {
  const done = DONE.find((value) => value === url.searchParams.get("done"));
  if (!done) return undefined;
  const email = url.searchParams.get("email") ?? "";
  const member = team.find((m) => m.staffId === url.searchParams.get("member"));
  if (done === "role_changed") return member ? { done, member } : undefined;
  return /^[^\s@]+@[^\s@]+$/.test(email) ? { done, email } : undefined;
}

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const studio = state.studio!;
  const me = state.staff!;
  const when = (iso: string) => formatDate(new Date(iso), studio.tenant.timezone, state.locale);
  const nameOf = new Map(data.team.map((member) => [member.staffId, member.name]));
  const roleOptions = data.roles.map((role) => ({ value: role, label: t(`role.${role}`) }));
  const errorOf = (id: string) => {
    const found = data.problems.find((problem) => problem.id === id);
    return found && t(`members.problem.${found.problem}`);
  };
  const flash = data.flash;
  const flashText = !flash
    ? ""
    : flash.done === "role_changed"
    ? t("members.done.role_changed", { name: flash.member!.name, role: t(`role.${flash.member!.role}`) })
    : t(`members.done.${flash.done}`, { email: flash.email ?? "" });
  return (
    <>
      <PageHeader
        title={t("members.title")}
        description={t("members.intro", { studio: studio.tenant.name })}
      />
      {flash && (
        <Toast
          tone={flash.done === "undelivered" ? "error" : "success"}
          dismissLabel={t("common.dismiss")}
          class="mt-6"
        >
          {flashText}
        </Toast>
      )}
      <FormErrorSummary
        title={t("members.problem")}
        errors={data.problems.map((p) => ({
          name: p.id,
          id: p.id,
          message: t(`members.problem.${p.problem}`),
        }))}
        class="mt-6"
      />
      <div class="mt-6 flex flex-col gap-6">
        <Table
          caption={t("members.list")}
          rows={data.team}
          empty=""
          columns={[
            {
              key: "name",
              header: t("members.name"),
              rowHeader: true,
              render: (m) => m.staffId === me.id ? `${m.name} (${t("members.you")})` : m.name,
            },
            { key: "email", header: t("members.email") },
            {
              key: "role",
              header: t("members.role"),
              render: (m) =>
                data.roles.includes(m.role)
                  ? <RoleForm member={m} roles={data.roles} error={errorOf(`role-${m.staffId}`)} t={t} />
                  : t(`role.${m.role}`),
            },
            { key: "joinedAt", header: t("members.since"), render: (m) => when(m.joinedAt) },
            {
              key: "actions",
              header: t("common.actions"),
              render: (m) =>
                data.roles.includes(m.role) && (
                  <>
                    <DialogTrigger
                      dialogId={`remove-dialog-${m.staffId}`}
                      id={`remove-${m.staffId}`}
                      variant="secondary"
                      size="sm"
                      aria-label={t("members.remove_named", { name: m.name })}
                    >
                      {t("members.remove")}
                    </DialogTrigger>
                    <Dialog
                      id={`remove-dialog-${m.staffId}`}
                      title={t("members.remove.title", { name: m.name, studio: studio.tenant.name })}
                      closeLabel={t("common.close")}
                      class="whitespace-normal"
                    >
                      <p class="text-sm">{t("members.remove.body", { name: m.name })}</p>
                      <form method="post" class="mt-4 flex flex-wrap justify-end gap-2">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="staffId" value={m.staffId} />
                        <Button variant="secondary" command="close" commandfor={`remove-dialog-${m.staffId}`}>
                          {t("common.cancel")}
                        </Button>
                        <Button type="submit" variant="danger">{t("members.remove.confirm")}</Button>
                      </form>
                    </Dialog>
                    {errorOf(`remove-${m.staffId}`) && (
                      <p class="mt-1 text-sm font-medium whitespace-normal text-danger-700">
                        {errorOf(`remove-${m.staffId}`)}
                      </p>
                    )}
                  </>
                ),
            },
          ]}
        />
        <div id="pending" tabindex={-1}>
          <Table
            caption={t("members.pending.title")}
            rows={data.invitations}
            empty={t("members.pending.empty")}
            columns={[
              { key: "email", header: t("members.email"), rowHeader: true },
              { key: "role", header: t("members.role"), render: (i) => t(`role.${i.role}`) },
              {
                key: "invitedBy",
                header: t("members.pending.invited_by"),
                render: (i) => nameOf.get(i.invitedBy) ?? "",
              },
              { key: "expiresAt", header: t("members.pending.expires"), render: (i) => when(i.expiresAt) },
              {
                key: "actions",
                header: t("common.actions"),
                render: (i) => (
                  <div class="flex gap-2">
                    <form method="post">
                      <input type="hidden" name="intent" value="resend" />
                      <input type="hidden" name="email" value={i.email} />
                      <Button
                        type="submit"
                        variant="secondary"
                        size="sm"
                        aria-label={t("members.resend_named", { email: i.email })}
                      >
                        {t("members.resend")}
                      </Button>
                    </form>
                    <form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="email" value={i.email} />
                      <Button
                        type="submit"
                        variant="ghost"
                        size="sm"
                        aria-label={t("members.revoke_named", { email: i.email })}
                      >
                        {t("members.revoke")}
                      </Button>
                    </form>
                  </div>
                ),
              },
            ]}
          />
        </div>
        <Card title={t("members.invite.title")}>
          <p class="mb-4 text-sm text-ink-muted">{t("members.invite.intro")}</p>
          <form method="post" class="grid gap-4 sm:grid-cols-[1fr_14rem_auto] sm:items-start">
            <input type="hidden" name="intent" value="invite" />
            <Input
              id="invite-email"
              label={t("members.invite.email")}
              name="email"
              type="email"
              value={data.invite.email}
              error={errorOf("invite-email")}
              autocomplete="off"
              required
            />
            <Select
              id="invite-role"
              label={t("members.invite.role")}
              name="role"
              options={roleOptions}
              value={data.invite.role}
              error={errorOf("invite-role")}
              required
            />
            <Button type="submit" class="sm:mt-7">{t("members.invite.submit")}</Button>
          </form>
          <p class="mt-3 text-sm text-ink-muted">{t("members.invite.role_hint")}</p>
        </Card>
      </div>
    </>
  );
});

/** A member's role as a small form: the roles the owner may give, and a submit button. */
function RoleForm(
  { member, roles, error, t }: { member: TeamMember; roles: Role[]; error?: string; t: Translator["t"] },
) {
  const id = `role-${member.staffId}`;
  return (
    <form method="post" class="flex flex-wrap items-center gap-2">
      <input type="hidden" name="intent" value="role" />
      <input type="hidden" name="staffId" value={member.staffId} />
      <select
        id={id}
        name="role"
        class="field w-auto"
        aria-label={t("members.role_of", { name: member.name })}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {roles.map((role) => (
          <option key={role} value={role} selected={role === member.role}>{t(`role.${role}`)}</option>
        ))}
      </select>
      <Button type="submit" variant="secondary" size="sm">{t("members.change_role")}</Button>
      {error && (
        <p id={`${id}-error`} class="basis-full text-sm font-medium whitespace-normal text-danger-700">
          {error}
        </p>
      )}
    </form>
  );
}
