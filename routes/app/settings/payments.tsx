import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { SettingsHeader } from "@/components/SettingsHeader.tsx";
import { Toast } from "@/components/Toast.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { log } from "@/lib/http/logger.ts";
import type { MessageId } from "@/lib/i18n/messages/en.ts";
import { getStripeAccount, type StripeAccountSettings } from "@/lib/stripe/account_settings.ts";
import { stripeFromConfig } from "@/lib/stripe/client.ts";
import { refreshAccountStatus, startOnboarding } from "@/lib/stripe/connect.ts";

export const access: Access = { permission: "billing.manage" };

const PATH = "/app/settings/payments";

interface Data {
  configured: boolean;
  account: StripeAccountSettings;
  /** Where the platform's webhook must point (shown while payments are off). */
  webhookUrl: string;
  notice?: MessageId;
  error?: MessageId;
}

/**
 * Online payments: whether Stripe is configured on this server, the studio's connected account and
 * whether it can take charges; "Connect with Stripe" creates the account and sends the owner to
 * Stripe's onboarding, whose return here refreshes the status (lib/stripe/connect.ts).
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "billing.manage");
    const db = ctx.state.studio!.db;
    const stripe = stripeFromConfig(depsOf(ctx).config);
    const returned = ctx.url.searchParams.has("return");
    const expired = ctx.url.searchParams.has("refresh");
    let account = await getStripeAccount(db);
    let error: MessageId | undefined;
    if (stripe && account.accountId && (returned || expired || !account.chargesEnabled)) {
      try {
        account = await refreshAccountStatus(db, stripe, actingAs(ctx));
      } catch (err) {
        log.warn("stripe account status not refreshed", { error: err });
        error = "stripe_settings.error.unavailable";
      }
    }
    return ctx.render(pageData(ctx, account, {
      error,
      notice: returned
        ? "stripe_settings.notice.returned"
        : expired
        ? "stripe_settings.notice.link_expired"
        : undefined,
    }));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "billing.manage");
    const studio = ctx.state.studio!;
    const { kv, config } = depsOf(ctx);
    const stripe = stripeFromConfig(config);
    if (!stripe) {
      return ctx.render(
        pageData(ctx, await getStripeAccount(studio.db), { error: "stripe_settings.error.off" }),
        {
          status: 422,
        },
      );
    }
    const here = `${ctx.url.origin}${studio.base}${PATH}`;
    try {
      const url = await startOnboarding(studio.db, kv, stripe, {
        tenantId: studio.tenant.id,
        returnUrl: `${here}?return=1`,
        refreshUrl: `${here}?refresh=1`,
        email: ctx.state.staff!.email,
        country: studio.tenant.country,
      }, actingAs(ctx));
      return ctx.redirect(url, 303);
    } catch (err) {
      log.warn("stripe onboarding could not start", { error: err });
      return ctx.render(
        pageData(ctx, await getStripeAccount(studio.db), { error: "stripe_settings.error.unavailable" }),
        { status: 502 },
      );
    }
  },
});

function pageData(ctx: Ctx, account: StripeAccountSettings, extra: Pick<Data, "notice" | "error">): Data {
  return {
    configured: stripeFromConfig(depsOf(ctx).config) !== null,
    account,
    webhookUrl: `${depsOf(ctx).config.baseUrl}/webhooks/stripe`,
    ...extra,
  };
}

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t } = state;
  const studio = state.studio!;
  const { account } = data;
  const status = !account.accountId ? "none" : account.chargesEnabled ? "ready" : "pending";
  return (
    <>
      <SettingsHeader
        state={state}
        url={url}
        title={t("stripe_settings.title")}
        intro={t("stripe_settings.intro")}
        notice={data.notice && t(data.notice)}
        noticeTone="info"
      />
      {data.error && (
        <Toast tone="error" dismissLabel={t("common.dismiss")} class="mt-6">{t(data.error)}</Toast>
      )}
      <div class="mt-6 flex flex-col gap-6">
        {!data.configured && (
          <Card title={t("stripe_settings.off.title")}>
            <p class="text-sm" data-testid="payments-off">
              {t("stripe_settings.off.body", { url: data.webhookUrl })}
            </p>
          </Card>
        )}
        <Card title={t("stripe_settings.account")}>
          <dl class="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt class="text-ink-muted">{t("stripe_settings.status")}</dt>
            <dd>
              <Badge tone={status === "ready" ? "success" : status === "pending" ? "warning" : "neutral"}>
                {t(`stripe_settings.status.${status}`)}
              </Badge>
            </dd>
            {account.accountId && (
              <>
                <dt class="text-ink-muted">{t("stripe_settings.account_id")}</dt>
                <dd class="font-mono">{account.accountId}</dd>
              </>
            )}
          </dl>
          {data.configured && status !== "ready" && (
            <form method="post" class="mt-4 flex flex-col items-start gap-2">
              <Button type="submit">
                {t(status === "none" ? "stripe_settings.connect" : "stripe_settings.continue")}
              </Button>
              <p class="text-sm text-ink-muted">{t("stripe_settings.connect_hint")}</p>
            </form>
          )}
          {data.configured && status === "ready" && (
            <Button href={`${studio.base}${PATH}?return=1`} variant="secondary" class="mt-4">
              {t("stripe_settings.refresh")}
            </Button>
          )}
        </Card>
      </div>
    </>
  );
});
