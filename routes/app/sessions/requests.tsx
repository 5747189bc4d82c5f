import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { Toast } from "@/components/Toast.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { formatDateTime, formatMoney, type MessageId } from "@/lib/i18n/mod.ts";
import { studioLink } from "@/lib/notifications/staff_notices.ts";
import {
  approvePortalBooking,
  declinePortalBooking,
  pendingPortalRequests,
  type PortalRequest,
} from "@/lib/portal/approvals.ts";
import type { OnlinePayments } from "@/lib/portal/online_payments.ts";
import { getStripeAccount } from "@/lib/stripe/account_settings.ts";
import { stripeFromConfig } from "@/lib/stripe/client.ts";

export const access: Access = { permission: "sessions.manage" };

interface Data {
  requests: PortalRequest[];
  /** The request a refused decision was about, what went wrong, and the reason as typed. */
  refused?: { bookingId: string; message: string; field?: string; reason: string };
}

const DONE: Record<string, MessageId> = {
  approved: "portal_requests.approved",
  declined: "portal_requests.declined",
};

/**
 * The queue of bookings made in the client portal that wait for staff (offers that require
 * approval, and requests taken while payments are off): approve confirms the session, decline
 * cancels it with a reason the client reads and refunds what they paid online. Plain forms.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.manage");
    return ctx.render({ requests: await pendingPortalRequests(ctx.state.studio!.db) });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const bookingId = String(form.get("bookingId") ?? "");
    const reason = String(form.get("reason") ?? "");
    const { mailer, config } = depsOf(ctx);
    const link = studioLink(ctx, `/portal/sessions/${encodeURIComponent(bookingId)}`);
    try {
      switch (form.get("decision")) {
        case "approve":
          await approvePortalBooking(studio.db, bookingId, actingAs(ctx), { mailer, link });
          return ctx.redirect(`${studio.base}/app/sessions/requests?done=approved`, 303);
        case "decline": {
          const stripe = stripeFromConfig(config);
          const { accountId } = await getStripeAccount(studio.db);
          // Refunds need only the account the deposit was paid into, not that it can charge today.
          const online: OnlinePayments | null = stripe && accountId ? { stripe, accountId } : null;
          await declinePortalBooking(studio.db, bookingId, reason, actingAs(ctx), { mailer, link, online });
          return ctx.redirect(`${studio.base}/app/sessions/requests?done=declined`, 303);
        }
        default:
          throw new ValidationError({ decision: "Choose whether to approve or decline the request." });
      }
    } catch (err) {
      if (!(err instanceof ValidationError || err instanceof ConflictError || err instanceof NotFoundError)) {
        throw err;
      }
      const [field, message] = err instanceof ValidationError
        ? Object.entries(err.fields)[0] ?? [undefined, err.message]
        : [undefined, err.message];
      return ctx.render({
        requests: await pendingPortalRequests(studio.db),
        refused: { bookingId, message, field, reason },
      }, { status: err.status });
    }
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const zone = studio.tenant.timezone;
  const range = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone: zone });
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const done = DONE[url.searchParams.get("done") ?? ""];
  const refused = data.refused;
  const page = `${studio.base}/app/sessions/requests`;
  return (
    <>
      <p class="mb-2 text-sm">
        <a href={`${studio.base}/app/sessions`} class="text-brand-700 underline focus-ring">
          {t("portal_requests.back")}
        </a>
      </p>
      <PageHeader title={t("portal_requests.title")} description={t("portal_requests.intro", { zone })} />
      {done && <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-4">{t(done)}</Toast>}
      {refused && !refused.field && (
        <Toast tone="error" dismissLabel={t("common.dismiss")} class="mb-4">{refused.message}</Toast>
      )}
      {data.requests.length === 0
        ? (
          <p class="rounded-lg border border-line bg-surface p-6 text-neutral-700">
            {t("portal_requests.empty")}
          </p>
        )
        : (
          <ol class="flex flex-col gap-4">
            {data.requests.map((r) => {
              const reasonId = `reason-${r.bookingId}`;
              const error = refused?.bookingId === r.bookingId && refused.field === "reason"
                ? refused.message
                : undefined;
              return (
                <li key={r.bookingId}>
                  <Card
                    title={`${r.offer.name} — ${r.client?.name ?? r.contact.name}`}
                    actions={
                      <span class="text-sm text-ink-muted">
                        {t("portal_requests.requested", {
                          date: formatDateTime(r.requestedAt, zone, locale),
                        })}
                      </span>
                    }
                  >
                    <dl class="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                      <dt class="font-medium text-ink-muted">{t("portal_requests.when")}</dt>
                      <dd>{range.formatRange(r.start, r.end)}</dd>
                      <dt class="font-medium text-ink-muted">{t("portal_requests.room")}</dt>
                      <dd>{r.room}</dd>
                      <dt class="font-medium text-ink-muted">{t("portal_requests.client")}</dt>
                      <dd>
                        {r.client
                          ? (
                            <a
                              href={`${studio.base}/app/clients/${r.client.id}`}
                              class="text-brand-700 underline focus-ring"
                            >
                              {r.client.name}
                            </a>
                          )
                          : r.contact.name}
                        {" · "}
                        {r.contact.email}
                        {r.contact.phone && ` · ${r.contact.phone}`}
                      </dd>
                      <dt class="font-medium text-ink-muted">{t("portal_requests.price")}</dt>
                      <dd>{money(r.price, r.currency)}</dd>
                      <dt class="font-medium text-ink-muted">{t("portal_requests.deposit")}</dt>
                      <dd class="flex flex-wrap items-center gap-2">
                        {r.deposit === 0 ? t("portal_requests.no_deposit") : money(r.deposit, r.currency)}
                        {r.deposit > 0 && (r.paid > 0
                          ? (
                            <Badge tone="success">
                              {t("portal_requests.paid", { amount: money(r.paid, r.currency) })}
                            </Badge>
                          )
                          : <Badge tone="warning">{t("portal_requests.unpaid")}</Badge>)}
                      </dd>
                    </dl>
                    <p class="mt-3 text-sm">
                      <a
                        href={`${studio.base}/app/sessions/${r.bookingId}`}
                        class="text-brand-700 underline focus-ring"
                      >
                        {t("portal_requests.open_session")}
                      </a>
                    </p>
                    <div class="mt-4 grid gap-4 border-t border-line pt-4 sm:grid-cols-[auto_1fr] sm:items-start">
                      <form method="post" action={page}>
                        <input type="hidden" name="bookingId" value={r.bookingId} />
                        <Button type="submit" name="decision" value="approve">
                          {t("portal_requests.approve")}
                        </Button>
                      </form>
                      <form method="post" action={page} class="flex flex-col gap-2">
                        <input type="hidden" name="bookingId" value={r.bookingId} />
                        {error && (
                          <FormErrorSummary
                            title={t("portal_requests.problem")}
                            errors={[{ name: "reason", id: reasonId, message: error }]}
                          />
                        )}
                        <Textarea
                          id={reasonId}
                          label={t("portal_requests.reason")}
                          hint={t("portal_requests.decline_hint")}
                          name="reason"
                          rows={2}
                          maxLength={500}
                          required
                          value={refused?.bookingId === r.bookingId ? refused.reason : undefined}
                          error={error}
                        />
                        <div>
                          <Button type="submit" name="decision" value="decline" variant="danger">
                            {t("portal_requests.decline")}
                          </Button>
                        </div>
                      </form>
                    </div>
                  </Card>
                </li>
              );
            })}
          </ol>
        )}
    </>
  );
});
