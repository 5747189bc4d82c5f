import type { Access } from "@/lib/auth/access.ts";
import { Card } from "@/components/Card.tsx";
import { DialogTrigger } from "@/components/Dialog.tsx";
import { GearFields } from "@/components/GearFields.tsx";
import { ResourceHeader, ResourceSettingsForm } from "@/components/ResourcePage.tsx";
import { DeleteResourceDialog } from "@/components/ResourceStatusCard.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import {
  deleteGear,
  type GearItem,
  getGear,
  upcomingGearSessions,
  updateGear,
} from "@/lib/scheduling/gear.ts";
import {
  type FormValues,
  gearFromForm,
  gearValues,
  unchangedSinceFromForm,
} from "@/lib/scheduling/resource_forms.ts";
import { postResourceForm, type RefusedForm } from "@/lib/scheduling/resource_page.ts";

export const access: Access = { permission: "rooms.manage" };

interface Data {
  item: GearItem;
  upcoming: number;
  values: FormValues;
  errors: Record<string, string>;
  refusal?: string;
}

async function pageData(ctx: Ctx<Data>, item: GearItem, refused: RefusedForm = {}): Promise<Data> {
  const where = { currency: ctx.state.studio!.tenant.currency, locale: ctx.state.locale };
  const upcoming = await upcomingGearSessions(ctx.state.studio!.db, item.id);
  return { item, upcoming, values: gearValues(item, where), errors: {}, ...refused };
}

/** A gear item: its units, fee and status (maintenance or out stops new bookings), and deleting it. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    return ctx.render(await pageData(ctx, await getGear(ctx.state.studio!.db, ctx.params.id)));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const { db, tenant } = ctx.state.studio!;
    const id = ctx.params.id;
    const form = await readForm(ctx.req);
    const where = { currency: tenant.currency, locale: ctx.state.locale };
    return await postResourceForm(ctx, form, {
      path: `/app/gear/${id}`,
      list: "/app/gear",
      saved: { save: "gear" },
      writes: {
        save: () =>
          updateGear(db, id, gearFromForm(form, where), actingAs(ctx), {
            unchangedSince: unchangedSinceFromForm(form),
          }),
        remove: () => deleteGear(db, id, actingAs(ctx)),
      },
      refused: async (shown, status) =>
        ctx.render(await pageData(ctx, await getGear(db, id), shown), { status }),
    });
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t } = state;
  const studio = state.studio!;
  const { item } = data;
  const saved = url.searchParams.get("saved") === "gear";
  const errors = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <ResourceHeader
        title={item.name}
        description={t("gear.edit_intro")}
        listHref={`${studio.base}/app/gear`}
        listLabel={t("gear.all")}
        notice={saved ? t("resources.notice.saved") : undefined}
        refusal={data.refusal}
        errors={errors}
        t={t}
      >
        {item.status !== "in_service" && data.upcoming > 0 && (
          <p
            role="status"
            class="mb-6 rounded-lg border border-warning-200 bg-warning-50 p-4 text-sm text-warning-800"
          >
            {t("gear.upcoming_while_unavailable", { count: data.upcoming })}
          </p>
        )}
      </ResourceHeader>
      <div class="flex flex-col gap-6">
        <ResourceSettingsForm updatedAt={item.updatedAt} saveLabel={t("resources.save")}>
          <GearFields values={data.values} errors={data.errors} currency={studio.tenant.currency} t={t} />
        </ResourceSettingsForm>
        <Card title={t("gear.delete.title")}>
          <p class="mb-4 text-sm text-ink-muted">{t("gear.delete.body")}</p>
          <DialogTrigger dialogId="delete-dialog" variant="danger">{t("gear.delete.action")}</DialogTrigger>
          <DeleteResourceDialog
            question={t("gear.delete.question", { name: item.name })}
            explanation={t("gear.delete.body")}
            deleteLabel={t("gear.delete.action")}
            cancelLabel={t("common.cancel")}
            closeLabel={t("common.close")}
          />
        </Card>
      </div>
    </>
  );
});
