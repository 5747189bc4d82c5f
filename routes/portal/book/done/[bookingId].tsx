import { Button } from "@/components/Button.tsx";
import { ClientBookingSummary } from "@/components/ClientBookingSummary.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";
import { startDepositCheckout } from "@/lib/portal/deposit_checkout.ts";
import { onlinePayments } from "@/lib/portal/online_payments.ts";
import { type ClientBookingView, clientBookingView } from "@/lib/portal/portal_booking.ts";
import { isReceiptSignature } from "@/lib/portal/receipt_link.ts";

export const access: Access = "public";

interface Data {
  view: ClientBookingView;
  paid: boolean;
  canPay: boolean;
}

/** The booking's receipt: reached by its signed link, or by its own signed-in client. */
async function viewOf(ctx: Ctx): Promise<ClientBookingView> {
  const studio = requireStudio(ctx);
  const { config } = depsOf(ctx);
  const id = ctx.params.bookingId;
  const sig = ctx.url.searchParams.get("sig") ?? "";
  const signed = isReceiptSignature(config.appSecret, studio.tenant.id, id, sig);
  const client = ctx.state.portal!.client;
  const view = signed || client
    ? await clientBookingView(studio.db, id, signed ? undefined : client!.clientId)
    : null;
  if (!view || !view.terms) throw new NotFoundError("No such booking.");
  return view;
}

/**
 * Where a visitor lands after booking (and after Stripe Checkout): the booking and where it stands —
 * confirmed, waiting for the studio, or waiting for the deposit (with a button to pay again).
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const view = await viewOf(ctx);
    const payments = onlinePayments(depsOf(ctx).config, ctx.state.portal!.brand.settings);
    return ctx.render({
      view,
      paid: ctx.url.searchParams.get("paid") === "1",
      canPay: payments !== null && view.state === "awaiting_payment",
    });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const view = await viewOf(ctx);
    const { config } = depsOf(ctx);
    const payments = onlinePayments(config, ctx.state.portal!.brand.settings);
    const terms = view.terms!;
    if (!payments || view.state !== "awaiting_payment") {
      return ctx.redirect(ctx.url.pathname + ctx.url.search, 303);
    }
    const checkout = await startDepositCheckout(studio.db, payments, {
      bookingId: terms.bookingId,
      state: terms.state,
      price: terms.price,
      deposit: terms.deposit,
      currency: terms.currency,
      depositDocumentId: terms.depositDocumentId,
    }, {
      tenantId: studio.tenant.id,
      email: terms.contactEmail,
      description: view.booking.title,
      returnUrl: `${studioOrigin(ctx.url, config)}${ctx.url.pathname}?sig=${
        ctx.url.searchParams.get("sig") ?? ""
      }`,
    });
    return ctx.redirect(checkout.url, 303);
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const zone = state.portal!.brand.timezone;
  const { view } = data;
  return (
    <>
      <h1 class="text-2xl font-semibold">{t(`portal.done.${view.state}`)}</h1>
      {data.paid && view.state === "awaiting_payment" && <p class="mt-2">{t("portal.done.paid_pending")}</p>}
      <div class="mt-4">
        <ClientBookingSummary view={view} zone={zone} t={t} locale={locale} />
      </div>
      {data.canPay && (
        <form method="post" class="mt-4">
          <Button type="submit">{t("portal.done.pay")}</Button>
        </form>
      )}
      <p class="mt-6 text-sm text-neutral-700">
        {t("portal.done.sign_in_hint")}{" "}
        <a class="underline" href={`${state.studio!.base}/portal/sign-in`}>{t("portal.nav.sign_in")}</a>
      </p>
    </>
  );
});
