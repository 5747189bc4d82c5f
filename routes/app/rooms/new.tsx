import type { Access } from "@/lib/auth/access.ts";
import { NewResourceForm } from "@/components/ResourcePage.tsx";
import { errorSummary } from "@/components/WeeklyHoursFields.tsx";
import { RoomFields } from "@/components/RoomFields.tsx";
import { actingAs } from "@/lib/http/acting_as.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ValidationError } from "@/lib/errors.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { roomFromForm, roomValues, submittedValues } from "@/lib/scheduling/resource_forms.ts";
import { fieldMessages } from "@/lib/scheduling/resource_validation.ts";
import { createRoom, ROOM_DEFAULTS } from "@/lib/scheduling/rooms.ts";

export const access: Access = { permission: "rooms.manage" };

interface Data {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** Journey 5: a new room with its opening hours, rates, minimum and buffers. */
export const handler = define.handlers<Data>({
  GET(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const where = { currency: ctx.state.studio!.tenant.currency, locale: ctx.state.locale };
    return ctx.render({ values: roomValues({ name: "", ...ROOM_DEFAULTS }, where), errors: {} });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    try {
      const input = roomFromForm(form, { currency: studio.tenant.currency, locale: ctx.state.locale });
      const room = await createRoom(studio.db, input, actingAs(ctx));
      return ctx.redirect(`${studio.base}/app/rooms/${room.id}?saved=created`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.render(
        { values: submittedValues(form), errors: fieldMessages(err, ctx.state.t) },
        { status: 422 },
      );
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const studio = state.studio!;
  return (
    <NewResourceForm
      title={t("rooms.new_title")}
      intro={t("rooms.new_intro")}
      errors={errorSummary(data.errors, t, state.locale)}
      createLabel={t("rooms.create")}
      listHref={`${studio.base}/app/rooms`}
      t={t}
    >
      <RoomFields
        values={data.values}
        errors={data.errors}
        currency={studio.tenant.currency}
        t={t}
        locale={state.locale}
      />
    </NewResourceForm>
  );
});
