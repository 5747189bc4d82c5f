import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { VisitorTime, VisitorTimeNote } from "@/components/VisitorTime.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { localizedFieldErrors } from "@/lib/clients/client_input.ts";
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { log } from "@/lib/http/logger.ts";
import { notifyBooking } from "@/lib/notifications/booking_notices.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";
import { formatDate, formatMoney, formatTime } from "@/lib/i18n/mod.ts";
import { hitRateLimit, type RateLimitRule } from "@/lib/kv/rate_limits.ts";
import { bookOnline } from "@/lib/portal/book.ts";
import { startDepositCheckout } from "@/lib/portal/deposit_checkout.ts";
import { formatDuration } from "@/lib/portal/durations.ts";
import type { Offer } from "@/lib/portal/offer_slots.ts";
import { getOffer } from "@/lib/portal/offers.ts";
import { onlinePayments } from "@/lib/portal/online_payments.ts";
import { depositFor, describePolicy } from "@/lib/portal/policy.ts";
import { receiptSignature } from "@/lib/portal/receipt_link.ts";

export const access: Access = "public";

/** Bookings from one address: a band booking a week of sessions is fine, a script is not. */
const BOOKINGS_PER_ADDRESS: RateLimitRule = { name: "portal-book:ip", limit: 20, windowMs: 60 * 60_000 };

interface Form {
  name: string;
  email: string;
  phone: string;
  acceptPolicy: boolean;
}

interface Data {
  offer: Offer;
  minutes: number;
  price: number;
  start: Date;
  deposit: number;
  form: Form;
  errors: Record<string, string>;
  taken?: string;
}

function chosen(ctx: Ctx, offer: Offer, minutesText: unknown, startText: unknown) {
  const minutes = Number(minutesText);
  const duration = offer.durations.find((d) => d.minutes === minutes);
  const start = new Date(String(startText ?? ""));
  if (!duration || Number.isNaN(start.getTime())) {
    throw new NotFoundError("Choose a length and a time on the booking page.");
  }
  const payments = onlinePayments(depsOf(ctx).config, ctx.state.portal!.brand.settings);
  const deposit = payments ? depositFor(offer.policy, duration.price, offer.currency) : 0;
  return { minutes, price: duration.price, start, deposit };
}

async function offerOf(ctx: Ctx): Promise<Offer> {
  const studio = requireStudio(ctx);
  const offer = await getOffer(studio.db, ctx.params.offerId);
  if (!offer || !offer.active || !ctx.state.portal!.brand.settings.bookingEnabled) {
    throw new NotFoundError("This offer is not available.");
  }
  return offer;
}

/**
 * The last step of booking (journeys 15 and 17): who is booking, what it costs, the deposit and the
 * cancellation terms, read before confirming. Confirming writes a hold; with online payments and a
 * deposit the client goes on to Stripe Checkout, else the studio confirms the request.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const offer = await offerOf(ctx);
    const choice = chosen(ctx, offer, ctx.url.searchParams.get("minutes"), ctx.url.searchParams.get("start"));
    const client = ctx.state.portal!.client;
    return ctx.render({
      offer,
      ...choice,
      form: { name: "", email: client?.email ?? "", phone: "", acceptPolicy: false },
      errors: {},
    });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const offer = await offerOf(ctx);
    const body = await readForm(ctx.req);
    const choice = chosen(ctx, offer, body.get("minutes"), body.get("start"));
    const client = ctx.state.portal!.client;
    const form: Form = {
      name: String(body.get("name") ?? ""),
      email: client?.email ?? String(body.get("email") ?? ""),
      phone: String(body.get("phone") ?? ""),
      acceptPolicy: body.get("accept_policy") === "on",
    };
    const { kv, config } = depsOf(ctx);
    const hit = await hitRateLimit(kv, BOOKINGS_PER_ADDRESS, `${studio.tenant.id}:${clientIp(ctx.hono)}`);
    if (!hit.allowed) throw new RateLimitedError(hit.retryAfterSeconds);
    const { settings, timezone } = ctx.state.portal!.brand;
    const payments = onlinePayments(config, settings);
    try {
      const booking = await bookOnline(studio.db, offer, {
        minutes: choice.minutes,
        start: choice.start.toISOString(),
        name: form.name,
        email: form.email,
        phone: form.phone,
        acceptPolicy: form.acceptPolicy,
      }, {
        now: new Date(),
        timeZone: timezone,
        minNoticeHours: settings.minNoticeHours,
        horizonDays: settings.horizonDays,
        holdMinutes: settings.holdMinutes,
        paymentsOn: payments !== null,
        signedIn: client ? { clientId: client.clientId, accountId: client.accountId } : undefined,
      });
      const receipt = `${studio.base}/portal/book/done/${booking.bookingId}?sig=${
        receiptSignature(config.appSecret, studio.tenant.id, booking.bookingId)
      }`;
      // The client hears from the studio whatever happens next (payment, staff); a refused mail is logged.
      await notifyBooking(
        depsOf(ctx).mailer,
        studio.db,
        booking.bookingId,
        booking.state === "confirmed" ? "confirmed" : "received",
        {
          link: `${studioOrigin(ctx.url, config)}${receipt}`,
        },
      ).catch((error) => log.error("booking e-mail failed", { error }));
      if (booking.state === "awaiting_payment" && payments) {
        const origin = studioOrigin(ctx.url, config);
        const checkout = await startDepositCheckout(studio.db, payments, booking, {
          tenantId: studio.tenant.id,
          email: form.email,
          description: offer.name,
          returnUrl: `${origin}${receipt}`,
        });
        return ctx.redirect(checkout.url, 303);
      }
      return ctx.redirect(receipt, 303);
    } catch (err) {
      if (err instanceof ValidationError) {
        const errors = localizedFieldErrors(err, ctx.state.t);
        return ctx.render({ offer, ...choice, form, errors }, { status: 422 });
      }
      if (err instanceof ConflictError) {
        return ctx.render({ offer, ...choice, form, errors: {}, taken: err.message }, { status: 409 });
      }
      throw err;
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const base = state.studio!.base;
  const zone = state.portal!.brand.timezone;
  const signedIn = state.portal!.client;
  const { offer, form, errors } = data;
  const end = new Date(data.start.getTime() + data.minutes * 60_000);
  const money = (amount: number) => formatMoney(amount, offer.currency, locale);
  const back = `${base}/portal/book/${offer.id}?minutes=${data.minutes}`;
  if (data.taken) {
    return (
      <section class="rounded-lg border border-line bg-white p-5" role="alert">
        <h1 class="text-xl font-semibold">{t("portal.confirm.taken_title")}</h1>
        <p class="mt-2">{t("portal.confirm.taken")}</p>
        <p class="mt-4">
          <a class="underline" href={back}>{t("portal.confirm.pick_another")}</a>
        </p>
      </section>
    );
  }
  const fieldErrors = Object.entries(errors).map(([name, message]) => ({
    name: name === "acceptPolicy" ? "accept_policy" : name,
    message,
  }));
  return (
    <>
      <p class="text-sm">
        <a class="underline" href={back}>{t("portal.confirm.change_time")}</a>
      </p>
      <h1 class="mt-2 text-2xl font-semibold">{t("portal.confirm.title")}</h1>
      <dl class="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-line bg-white p-4">
        <dt class="text-neutral-600">{t("portal.confirm.what")}</dt>
        <dd>{offer.name} · {formatDuration(data.minutes, t)}</dd>
        <dt class="text-neutral-600">{t("portal.confirm.when")}</dt>
        <dd>
          {formatDate(data.start, zone, locale, "full")},{" "}
          <VisitorTime at={data.start}>{formatTime(data.start, zone, locale)}</VisitorTime>–{formatTime(
            end,
            zone,
            locale,
          )}
          <span class="block text-sm text-neutral-600">{t("portal.book.zone", { zone })}</span>
          <VisitorTimeNote zone={zone} t={t} />
        </dd>
        <dt class="text-neutral-600">{t("portal.confirm.price")}</dt>
        <dd>{money(data.price)}</dd>
        {data.deposit > 0 && (
          <>
            <dt class="text-neutral-600">{t("portal.confirm.deposit")}</dt>
            <dd>{t("portal.confirm.deposit_now", { amount: money(data.deposit) })}</dd>
          </>
        )}
      </dl>
      <section class="mt-4 rounded-lg border border-line bg-white p-4" aria-labelledby="terms">
        <h2 id="terms" class="font-medium">{t("portal.confirm.terms")}</h2>
        <ul class="mt-2 list-disc pl-5 text-sm text-neutral-700">
          {describePolicy(
            // Without online payments no deposit is asked, so the terms must not mention one.
            data.deposit > 0
              ? offer.policy
              : { ...offer.policy, deposit: { rule: "none", percentBp: 0, flatAmount: 0 } },
            t,
            money,
            data.price,
          ).map((line) => <li key={line}>{line}</li>)}
        </ul>
        {data.deposit === 0 && (
          <p class="mt-2 text-sm text-neutral-700">{t("portal.confirm.request_note")}</p>
        )}
      </section>
      <FormErrorSummary title={t("portal.confirm.problem")} errors={fieldErrors} class="mt-4" />
      <form method="post" class="mt-4 flex flex-col gap-4">
        <input type="hidden" name="minutes" value={data.minutes} />
        <input type="hidden" name="start" value={data.start.toISOString()} />
        <Input
          label={t("portal.confirm.name")}
          name="name"
          value={form.name}
          autocomplete="name"
          required
          error={errors.name}
        />
        {signedIn
          ? <p class="text-sm">{t("portal.confirm.signed_in_as", { email: signedIn.email })}</p>
          : (
            <Input
              label={t("auth.email")}
              name="email"
              type="email"
              autocomplete="email"
              value={form.email}
              required
              error={errors.email}
            />
          )}
        <Input
          label={t("portal.confirm.phone")}
          name="phone"
          type="tel"
          autocomplete="tel"
          value={form.phone}
          error={errors.phone}
        />
        <div>
          {errors.acceptPolicy && (
            <p id="field-accept_policy-error" class="mb-1 text-sm font-medium text-danger-700">
              {errors.acceptPolicy}
            </p>
          )}
          <label class="flex items-start gap-3 text-sm">
            <input
              id="field-accept_policy"
              type="checkbox"
              name="accept_policy"
              checked={form.acceptPolicy}
              required
              aria-invalid={errors.acceptPolicy ? "true" : undefined}
              aria-describedby={errors.acceptPolicy ? "field-accept_policy-error" : undefined}
              class="mt-0.5 size-5"
            />
            <span>{t("portal.confirm.accept")}</span>
          </label>
        </div>
        <Button type="submit" class="w-full sm:w-auto">
          {data.deposit > 0
            ? t("portal.confirm.pay", { amount: money(data.deposit) })
            : t("portal.confirm.submit")}
        </Button>
      </form>
    </>
  );
});
