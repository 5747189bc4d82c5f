import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { OfferFields } from "@/components/OfferFields.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { getIssuer } from "@/lib/billing/settings.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import {
  type OfferFormValues,
  offerFormValues,
  readOfferForm,
  saveOfferForm,
} from "@/lib/portal/offer_form.ts";
import { createOffer } from "@/lib/portal/offers.ts";
import { listEngineers } from "@/lib/scheduling/engineers.ts";
import { listRooms } from "@/lib/scheduling/rooms.ts";

export const access: Access = { permission: "studio.settings" };

interface Data {
  values: OfferFormValues;
  errors: Record<string, string>;
  currency: string;
  rooms: { id: string; name: string; active: boolean }[];
  engineers: { id: string; name: string }[];
}

async function pageData(
  ctx: Ctx,
  values: OfferFormValues | null,
  errors: Record<string, string>,
): Promise<Data> {
  const db = ctx.state.studio!.db;
  const [issuer, rooms, engineers] = await Promise.all([getIssuer(db), listRooms(db), listEngineers(db)]);
  const currency = issuer.baseCurrency;
  return {
    values: values ?? offerFormValues(null, { currency, locale: ctx.state.locale }),
    errors,
    currency,
    rooms,
    engineers,
  };
}

/** A new bookable offer, with the studio's default booking policy filled in. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "studio.settings");
    return ctx.render(await pageData(ctx, null, {}));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "studio.settings");
    const studio = ctx.state.studio!;
    const values = readOfferForm(await readForm(ctx.req));
    const { baseCurrency } = await getIssuer(studio.db);
    const result = await saveOfferForm(
      values,
      { currency: baseCurrency, locale: ctx.state.locale },
      (input) => createOffer(studio.db, input, actingAs(ctx)),
    );
    if (result.offer) return ctx.redirect(`${studio.base}/app/settings/offers?saved=created`);
    return ctx.render(await pageData(ctx, values, result.errors), { status: 422 });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const list = `${state.studio!.base}/app/settings/offers`;
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <PageHeader title={t("offers.new.title")} description={t("offers.new.intro")} class="mb-6" />
      <FormErrorSummary title={t("form.error.summary")} errors={summary} class="mb-6" />
      <form method="post" class="flex flex-col gap-6">
        <OfferFields
          values={data.values}
          errors={data.errors}
          rooms={data.rooms}
          engineers={data.engineers}
          currency={data.currency}
          t={t}
        />
        <div class="flex gap-3">
          <Button type="submit">{t("offers.new.submit")}</Button>
          <Button href={list} variant="ghost">{t("common.cancel")}</Button>
        </div>
      </form>
    </>
  );
});
