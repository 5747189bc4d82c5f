import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { Dialog, DialogTrigger } from "@/components/Dialog.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { GearFields } from "@/components/GearFields.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Toast } from "@/components/Toast.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ValidationError } from "@/lib/errors.ts";
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
  submittedValues,
  unchangedSinceFromForm,
} from "@/lib/scheduling/resource_forms.ts";
import { errorMessage, fieldMessages, ResourceConflictError } from "@/lib/scheduling/resource_validation.ts";

export const access: Access = { permission: "rooms.manage" };

interface Data {
  item: GearItem;
  upcoming: number;
  values: FormValues;
  errors: Record<string, string>;
  refusal?: string;
}

async function pageData(ctx: Ctx<Data>, item: GearItem, extra: Partial<Data> = {}): Promise<Data> {
  const where = { currency: ctx.state.studio!.tenant.currency, locale: ctx.state.locale };
  const upcoming = await upcomingGearSessions(ctx.state.studio!.db, item.id);
  return { item, upcoming, values: gearValues(item, where), errors: {}, ...extra };
}

/** A gear item: its units, fee and status (maintenance or out stops new bookings), and deleting it. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    return ctx.render(await pageData(ctx, await getGear(ctx.state.studio!.db, ctx.params.id)));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const studio = ctx.state.studio!;
    const id = ctx.params.id;
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "save");
    try {
      if (intent === "delete") {
        await deleteGear(studio.db, id, actingAs(ctx));
        return ctx.redirect(`${studio.base}/app/gear?deleted=1`);
      }
      if (intent !== "save") throw new ValidationError({ intent: "Unknown action." });
      const input = gearFromForm(form, { currency: studio.tenant.currency, locale: ctx.state.locale });
      await updateGear(studio.db, id, input, actingAs(ctx), { unchangedSince: unchangedSinceFromForm(form) });
      return ctx.redirect(`${studio.base}/app/gear/${id}?saved=gear`);
    } catch (err) {
      if (err instanceof ValidationError) {
        const item = await getGear(studio.db, id);
        const extra = { values: submittedValues(form), errors: fieldMessages(err, ctx.state.t) };
        return ctx.render(await pageData(ctx, item, extra), { status: 422 });
      }
      if (err instanceof ResourceConflictError) {
        const item = await getGear(studio.db, id);
        // A stale save keeps what was typed; the form now carries the newer updatedAt.
        const typed = intent === "save" ? { values: submittedValues(form) } : {};
        return ctx.render(await pageData(ctx, item, { ...typed, refusal: errorMessage(err, ctx.state.t) }), {
          status: 409,
        });
      }
      throw err;
    }
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t } = state;
  const studio = state.studio!;
  const { item } = data;
  const saved = url.searchParams.get("saved") === "gear";
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <PageHeader
        title={item.name}
        description={t("gear.edit_intro")}
        actions={<Button href={`${studio.base}/app/gear`} variant="secondary">{t("gear.all")}</Button>}
        class="mb-6"
      />
      {saved && !data.refusal && summary.length === 0 && (
        <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-6">
          {t("resources.notice.saved")}
        </Toast>
      )}
      {data.refusal && (
        <Toast tone="error" dismissLabel={t("common.dismiss")} class="mb-6">{data.refusal}</Toast>
      )}
      {item.status !== "in_service" && data.upcoming > 0 && (
        <p
          role="status"
          class="mb-6 rounded-lg border border-warning-200 bg-warning-50 p-4 text-sm text-warning-800"
        >
          {t("gear.upcoming_while_unavailable", { count: data.upcoming })}
        </p>
      )}
      <FormErrorSummary title={t("form.error.summary")} errors={summary} class="mb-6" />
      <div class="flex flex-col gap-6">
        <form method="post" class="flex flex-col gap-6">
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="updatedAt" value={item.updatedAt.toISOString()} />
          <GearFields values={data.values} errors={data.errors} currency={studio.tenant.currency} t={t} />
          <div>
            <Button type="submit">{t("resources.save")}</Button>
          </div>
        </form>
        <Card title={t("gear.delete.title")}>
          <p class="mb-4 text-sm text-ink-muted">{t("gear.delete.body")}</p>
          <DialogTrigger dialogId="delete-dialog" variant="danger">{t("gear.delete.action")}</DialogTrigger>
          <Dialog
            id="delete-dialog"
            title={t("gear.delete.question", { name: item.name })}
            closeLabel={t("common.close")}
            footer={
              <>
                <Button command="close" commandfor="delete-dialog" variant="secondary">
                  {t("common.cancel")}
                </Button>
                <form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <Button type="submit" variant="danger">{t("gear.delete.action")}</Button>
                </form>
              </>
            }
          >
            <p class="text-sm">{t("gear.delete.body")}</p>
          </Dialog>
        </Card>
      </div>
    </>
  );
});
