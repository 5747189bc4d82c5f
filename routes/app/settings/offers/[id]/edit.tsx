import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { OfferFields } from "@/components/OfferFields.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ConflictError, NotFoundError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import {
  type OfferFormValues,
  offerFormValues,
  readOfferForm,
  saveOfferForm,
} from "@/lib/portal/offer_form.ts";
import { getOffer, type Offer, setOfferActive, updateOffer } from "@/lib/portal/offers.ts";
import { listEngineers } from "@/lib/scheduling/engineers.ts";
import { listRooms } from "@/lib/scheduling/rooms.ts";

export const access: Access = { permission: "studio.settings" };

interface Data {
  offer: Offer;
  version: number;
  values: OfferFormValues;
  errors: Record<string, string>;
  rooms: { id: string; name: string; active: boolean }[];
  engineers: { id: string; name: string }[];
  /** Someone else saved the offer since this form was opened. */
  stale?: boolean;
}

async function offerOf(ctx: Ctx): Promise<Offer> {
  const offer = await getOffer(ctx.state.studio!.db, ctx.params.id);
  if (!offer) throw new NotFoundError("No such offer.");
  return offer;
}

async function pageData(ctx: Ctx, offer: Offer, extra: Partial<Data> = {}): Promise<Data> {
  const db = ctx.state.studio!.db;
  const [rooms, engineers] = await Promise.all([listRooms(db, { includeInactive: true }), listEngineers(db)]);
  return {
    offer,
    version: offer.version,
    values: offerFormValues(offer, { currency: offer.currency, locale: ctx.state.locale }),
    errors: {},
    rooms,
    engineers,
    ...extra,
  };
}

/**
 * Edits an offer, or takes it off the booking page and puts it back. The form carries the version it
 * was opened at: a save over someone else's comes back with the typed values to save again knowingly.
 * Bookings already made keep the price and policy they were made under.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "studio.settings");
    return ctx.render(await pageData(ctx, await offerOf(ctx)));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "studio.settings");
    const studio = ctx.state.studio!;
    const offer = await offerOf(ctx);
    const form = await readForm(ctx.req);
    const list = `${studio.base}/app/settings/offers`;
    const intent = form.get("intent");
    if (intent === "deactivate" || intent === "activate") {
      await setOfferActive(studio.db, offer.id, intent === "activate", actingAs(ctx));
      return ctx.redirect(`${list}?saved=${intent}d`);
    }
    const values = readOfferForm(form);
    const version = Number(form.get("version"));
    try {
      const result = await saveOfferForm(
        values,
        { currency: offer.currency, locale: ctx.state.locale },
        (input) => updateOffer(studio.db, offer.id, version, input, actingAs(ctx)),
      );
      if (result.offer) return ctx.redirect(`${list}?saved=updated`);
      return ctx.render(await pageData(ctx, offer, { version, values, errors: result.errors }), {
        status: 422,
      });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const current = await offerOf(ctx);
      return ctx.render(await pageData(ctx, current, { values, stale: true }), { status: 409 });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const list = `${state.studio!.base}/app/settings/offers`;
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  const { offer } = data;
  return (
    <>
      <PageHeader
        title={t("offers.edit.title", { name: offer.name })}
        description={t("offers.edit.intro")}
        class="mb-6"
      />
      {data.stale && (
        <p
          role="alert"
          class="mb-6 rounded-lg border-2 border-warning-600 bg-warning-50 p-4 text-sm text-warning-800"
        >
          {t("offers.error.stale")}
        </p>
      )}
      <FormErrorSummary title={t("form.error.summary")} errors={summary} class="mb-6" />
      <form method="post" class="flex flex-col gap-6">
        <input type="hidden" name="version" value={data.version} />
        <OfferFields
          values={data.values}
          errors={data.errors}
          rooms={data.rooms}
          engineers={data.engineers}
          currency={offer.currency}
          t={t}
        />
        <div class="flex gap-3">
          <Button type="submit">{t("common.save")}</Button>
          <Button href={list} variant="ghost">{t("common.cancel")}</Button>
        </div>
      </form>
      <Card title={t("offers.edit.availability")} class="mt-8">
        <form method="post" class="flex flex-wrap items-center gap-3">
          {offer.active
            ? <Badge tone="success">{t("offers.list.active")}</Badge>
            : <Badge tone="neutral">{t("offers.list.inactive")}</Badge>}
          <p class="text-sm text-ink-muted">
            {offer.active ? t("offers.edit.deactivate_hint") : t("offers.edit.activate_hint")}
          </p>
          <input type="hidden" name="intent" value={offer.active ? "deactivate" : "activate"} />
          <Button type="submit" variant={offer.active ? "secondary" : "primary"}>
            {offer.active ? t("offers.edit.deactivate") : t("offers.edit.activate")}
          </Button>
        </form>
      </Card>
    </>
  );
});
