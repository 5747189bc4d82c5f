import type { Access } from "@/lib/auth/access.ts";
import { EngineerFields } from "@/components/EngineerFields.tsx";
import { ResourceHeader, ResourceSettingsForm, spanErrorSummary } from "@/components/ResourcePage.tsx";
import { ResourceStatusCard } from "@/components/ResourceStatusCard.tsx";
import { TimeSpanCard } from "@/components/TimeSpanCard.tsx";
import { errorSummary } from "@/components/WeeklyHoursFields.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import type { MessageId } from "@/lib/i18n/mod.ts";
import {
  deleteEngineer,
  type Engineer,
  getEngineer,
  type LinkableStaff,
  linkableStaff,
  setEngineerActive,
  studioStaff,
  upcomingEngineerSessions,
  updateEngineer,
} from "@/lib/scheduling/engineers.ts";
import {
  engineerFromForm,
  engineerValues,
  type FormValues,
  unchangedSinceFromForm,
} from "@/lib/scheduling/resource_forms.ts";
import { postResourceForm, type RefusedForm, type RefusedSpan } from "@/lib/scheduling/resource_page.ts";
import { addTimeOff, listTimeOff, removeTimeOff, type TimeOff } from "@/lib/scheduling/time_off.ts";

export const access: Access = { permission: "rooms.manage" };

interface Data {
  engineer: Engineer;
  timeOff: TimeOff[];
  upcoming: number;
  staff: LinkableStaff[];
  values: FormValues;
  errors: Record<string, string>;
  span?: RefusedSpan;
  refusal?: string;
}

const NOTICES: Record<string, MessageId> = {
  created: "engineers.notice.created",
  engineer: "resources.notice.saved",
  time_off: "engineers.notice.time_off_added",
  time_off_removed: "engineers.notice.time_off_removed",
  deactivated: "engineers.notice.deactivated",
  reactivated: "engineers.notice.reactivated",
};

async function pageData(ctx: Ctx<Data>, engineer: Engineer, refused: RefusedForm = {}): Promise<Data> {
  const studio = ctx.state.studio!;
  const now = new Date();
  const [timeOff, upcoming, staff] = await Promise.all([
    listTimeOff(studio.db, engineer.id, { endingAfter: now }),
    upcomingEngineerSessions(studio.db, engineer.id, now),
    linkableStaff(depsOf(ctx).kv, studio.tenant.id),
  ]);
  const where = { currency: studio.tenant.currency, locale: ctx.state.locale };
  return {
    engineer,
    timeOff,
    upcoming,
    staff,
    values: engineerValues(engineer, where),
    errors: {},
    ...refused,
  };
}

/** An engineer's settings and staff account, their time off, and taking them off the booking pages. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const engineer = await getEngineer(ctx.state.studio!.db, ctx.params.id);
    return ctx.render(await pageData(ctx, engineer));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const { db, tenant } = ctx.state.studio!;
    const id = ctx.params.id;
    const form = await readForm(ctx.req);
    const acting = actingAs(ctx);
    const where = { currency: tenant.currency, locale: ctx.state.locale };
    const staff = studioStaff(depsOf(ctx).kv, tenant.id);
    return await postResourceForm(ctx, form, {
      path: `/app/engineers/${id}`,
      list: "/app/engineers",
      saved: { save: "engineer", addSpan: "time_off", removeSpan: "time_off_removed" },
      writes: {
        save: () =>
          updateEngineer(db, id, engineerFromForm(form, where), acting, staff, {
            unchangedSince: unchangedSinceFromForm(form),
          }),
        remove: () => deleteEngineer(db, id, acting),
        setActive: (active) => setEngineerActive(db, id, active, acting),
        addSpan: (span) => addTimeOff(db, { engineerId: id, ...span }, acting),
        removeSpan: (spanId) => removeTimeOff(db, spanId, id, acting),
      },
      refused: async (shown, status) =>
        ctx.render(await pageData(ctx, await getEngineer(db, id), shown), { status }),
    });
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const { engineer } = data;
  const notice = NOTICES[url.searchParams.get("saved") ?? ""];
  const errors = [...errorSummary(data.errors, t, locale), ...spanErrorSummary(data.span)];
  return (
    <>
      <ResourceHeader
        title={engineer.name}
        description={engineer.active ? t("engineers.edit_intro") : t("engineers.inactive_intro")}
        listHref={`${studio.base}/app/engineers`}
        listLabel={t("engineers.all")}
        notice={notice && t(notice)}
        refusal={data.refusal}
        errors={errors}
        t={t}
      />
      <div class="flex flex-col gap-6">
        <ResourceSettingsForm updatedAt={engineer.updatedAt} saveLabel={t("resources.save")}>
          <EngineerFields
            values={data.values}
            errors={data.errors}
            currency={studio.tenant.currency}
            staff={data.staff}
            t={t}
            locale={locale}
          />
        </ResourceSettingsForm>
        <TimeSpanCard
          title={t("engineers.time_off.title")}
          intro={t("engineers.time_off.intro", { zone: studio.tenant.timezone })}
          empty={t("engineers.time_off.empty")}
          spans={data.timeOff}
          timeZone={studio.tenant.timezone}
          locale={locale}
          t={t}
          submitted={data.span}
        />
        <ResourceStatusCard
          title={t("resources.status.title")}
          active={engineer.active}
          explanation={engineer.active
            ? t("engineers.status.deactivate_body")
            : t("engineers.status.reactivate_body")}
          upcoming={data.upcoming > 0 ? t("engineers.status.upcoming", { count: data.upcoming }) : undefined}
          deactivateLabel={t("engineers.status.deactivate")}
          reactivateLabel={t("engineers.status.reactivate")}
          deleteLabel={t("engineers.status.delete")}
          deleteExplanation={t("engineers.status.delete_body")}
          deleteQuestion={t("engineers.status.delete_question", { name: engineer.name })}
          cancelLabel={t("common.cancel")}
          closeLabel={t("common.close")}
        />
      </div>
    </>
  );
});
