import type { Access } from "@/lib/auth/access.ts";
import { define } from "@/lib/http/define.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { formatMoney } from "@/lib/i18n/mod.ts";
import { formatDuration } from "@/lib/portal/durations.ts";
import type { Offer } from "@/lib/portal/offer_slots.ts";
import { listOffers } from "@/lib/portal/offers.ts";

export const access: Access = "public";

interface Data {
  offers: Offer[];
  enabled: boolean;
}

/** The studio's public booking page (journey 15): what can be booked, and from what price. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const enabled = ctx.state.portal!.brand.settings.bookingEnabled;
    return ctx.render({ offers: enabled ? await listOffers(studio.db, { activeOnly: true }) : [], enabled });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const base = state.studio!.base;
  const welcome = state.portal!.brand.settings.welcomeText;
  return (
    <>
      <h1 class="text-2xl font-semibold">{t("portal.book.title")}</h1>
      {welcome && <p class="mt-2 whitespace-pre-line text-neutral-700">{welcome}</p>}
      {!data.enabled || data.offers.length === 0
        ? <p class="mt-6 rounded-lg border border-line bg-white p-4">{t("portal.book.none")}</p>
        : (
          <ul class="mt-6 flex flex-col gap-3">
            {data.offers.map((offer) => {
              const from = Math.min(...offer.durations.map((d) => d.price));
              return (
                <li key={offer.id}>
                  <a
                    href={`${base}/portal/book/${offer.id}`}
                    class="block rounded-lg border border-line bg-white p-4 focus-ring hover:border-(--brand,#4338ca)"
                  >
                    <span class="block text-lg font-medium">{offer.name}</span>
                    {offer.description && (
                      <span class="mt-1 block text-sm text-neutral-700">{offer.description}</span>
                    )}
                    <span class="mt-2 block text-sm text-neutral-600">
                      {offer.durations.map((d) => formatDuration(d.minutes, t)).join(" · ")} —{" "}
                      {t("portal.book.from_price", { price: formatMoney(from, offer.currency, locale) })}
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        )}
    </>
  );
});
