import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { type Client, getClient } from "@/lib/clients/clients.ts";
import { ConflictError, RateLimitedError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { studioLink } from "@/lib/notifications/staff_notices.ts";
import { invitePortalClient } from "@/lib/portal/invitations.ts";

export const access: Access = { permission: "clients.manage" };

interface Data {
  client: Client;
  problem?: { field: string; message: string };
}

/**
 * "Invite to the portal" from the client's page: says which address gets the link, then sends it
 * (lib/portal/invitations.ts) and goes back to the client with a notice.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.manage");
    return ctx.render({ client: await getClient(ctx.state.studio!.db, ctx.params.id) });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.manage");
    const studio = ctx.state.studio!;
    const client = await getClient(studio.db, ctx.params.id);
    const { kv, mailer } = depsOf(ctx);
    const next = encodeURIComponent(`${studio.base}/portal`);
    try {
      await invitePortalClient(studio.db, kv, mailer, {
        tenantId: studio.tenant.id,
        clientId: client.id,
        linkFor: (token) => studioLink(ctx, `/portal/auth?token=${token}&next=${next}`),
      }, actingAs(ctx));
    } catch (err) {
      if (
        !(err instanceof ValidationError || err instanceof ConflictError || err instanceof RateLimitedError)
      ) {
        throw err;
      }
      const [field, message] = err instanceof ValidationError
        ? Object.entries(err.fields)[0] ?? ["form", err.message]
        : ["form", err.message];
      return ctx.render({ client, problem: { field, message } }, { status: err.status });
    }
    return ctx.redirect(`${studio.base}/app/clients/${client.id}?saved=invited`, 303);
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const studio = state.studio!;
  const { client, problem } = data;
  const hub = `${studio.base}/app/clients/${client.id}`;
  return (
    <>
      <p class="mb-2 text-sm">
        <a href={hub} class="text-brand-700 underline focus-ring">{t("portal_requests.invite.back")}</a>
      </p>
      <PageHeader title={t("portal_requests.invite.title", { name: client.name })} class="mb-6" />
      <FormErrorSummary
        title={t("portal_requests.invite.problem")}
        errors={problem ? [{ name: problem.field, id: "invite", message: problem.message }] : []}
        class="mb-4"
      />
      <Card>
        <p id="invite" class="text-sm">
          {t("portal_requests.invite.body", { email: client.email ?? "—" })}
        </p>
        <form method="post" class="mt-4 flex flex-wrap gap-3">
          <Button type="submit">{t("portal_requests.invite.submit")}</Button>
          <Button href={hub} variant="ghost">{t("common.cancel")}</Button>
        </form>
      </Card>
    </>
  );
});
