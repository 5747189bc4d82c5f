import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { EngineerFields } from "@/components/EngineerFields.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { errorSummary } from "@/components/WeeklyHoursFields.tsx";
import { ResourceStatusCard } from "@/components/ResourceStatusCard.tsx";
import { type SubmittedSpan, TimeSpanCard } from "@/components/TimeSpanCard.tsx";
import { Toast } from "@/components/Toast.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ValidationError } from "@/lib/errors.ts";
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
import { spanInstants } from "@/lib/scheduling/local_span.ts";
import {
  engineerFromForm,
  engineerValues,
  type FormValues,
  spanErrors,
  spanFromForm,
  submittedValues,
  unchangedSinceFromForm,
} from "@/lib/scheduling/resource_forms.ts";
import { errorMessage, fieldMessages, ResourceConflictError } from "@/lib/scheduling/resource_validation.ts";
import { addTimeOff, listTimeOff, removeTimeOff, type TimeOff } from "@/lib/scheduling/time_off.ts";

export const access: Access = { permission: "rooms.manage" };

interface Data {
  engineer: Engineer;
  timeOff: TimeOff[];
  upcoming: number;
  staff: LinkableStaff[];
  values: FormValues;
  errors: Record<string, string>;
  span?: SubmittedSpan;
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

async function pageData(ctx: Ctx<Data>, engineer: Engineer, extra: Partial<Data> = {}): Promise<Data> {
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
    ...extra,
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
    const studio = ctx.state.studio!;
    const id = ctx.params.id;
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "save");
    const acting = actingAs(ctx);
    const done = (saved: string) => ctx.redirect(`${studio.base}/app/engineers/${id}?saved=${saved}`);
    try {
      switch (intent) {
        case "save": {
          const input = engineerFromForm(form, {
            currency: studio.tenant.currency,
            locale: ctx.state.locale,
          });
          await updateEngineer(studio.db, id, input, acting, studioStaff(depsOf(ctx).kv, studio.tenant.id), {
            unchangedSince: unchangedSinceFromForm(form),
          });
          return done("engineer");
        }
        case "add-span": {
          const { startsAt, endsAt } = spanInstants(spanFromForm(form), studio.tenant.timezone);
          const reason = String(form.get("reason") ?? "");
          await addTimeOff(studio.db, { engineerId: id, startsAt, endsAt, reason }, acting);
          return done("time_off");
        }
        case "remove-span":
          await removeTimeOff(studio.db, String(form.get("spanId") ?? ""), id, acting);
          return done("time_off_removed");
        case "deactivate":
        case "reactivate":
          await setEngineerActive(studio.db, id, intent === "reactivate", acting);
          return done(`${intent}d`);
        case "delete":
          await deleteEngineer(studio.db, id, acting);
          return ctx.redirect(`${studio.base}/app/engineers?deleted=1`);
        default:
          throw new ValidationError({ intent: "Unknown action." });
      }
    } catch (err) {
      if (err instanceof ValidationError) {
        const engineer = await getEngineer(studio.db, id);
        const errors = fieldMessages(err, ctx.state.t);
        const kind = spanFromForm(form).kind;
        const extra: Partial<Data> = intent === "add-span"
          ? { span: { kind, values: submittedValues(form), errors: spanErrors(kind, errors) } }
          : { values: submittedValues(form), errors };
        return ctx.render(await pageData(ctx, engineer, extra), { status: 422 });
      }
      if (err instanceof ResourceConflictError) {
        const engineer = await getEngineer(studio.db, id);
        // A stale save keeps what was typed; the form now carries the newer updatedAt.
        const typed = intent === "save" ? { values: submittedValues(form) } : {};
        return ctx.render(
          await pageData(ctx, engineer, { ...typed, refusal: errorMessage(err, ctx.state.t) }),
          {
            status: 409,
          },
        );
      }
      throw err;
    }
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const { engineer } = data;
  const notice = NOTICES[url.searchParams.get("saved") ?? ""];
  const summary = errorSummary(data.errors, t, state.locale);
  const spanSummary = Object.entries(data.span?.errors ?? {}).map(([name, message]) => ({
    name,
    message,
    id: name === "reason" ? `field-${data.span!.kind}-reason` : undefined,
  }));
  return (
    <>
      <PageHeader
        title={engineer.name}
        description={engineer.active ? t("engineers.edit_intro") : t("engineers.inactive_intro")}
        actions={
          <Button href={`${studio.base}/app/engineers`} variant="secondary">{t("engineers.all")}</Button>
        }
        class="mb-6"
      />
      {notice && !data.refusal && summary.length === 0 && spanSummary.length === 0 && (
        <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-6">{t(notice)}</Toast>
      )}
      {data.refusal && (
        <Toast tone="error" dismissLabel={t("common.dismiss")} class="mb-6">{data.refusal}</Toast>
      )}
      <FormErrorSummary title={t("form.error.summary")} errors={[...summary, ...spanSummary]} class="mb-6" />
      <div class="flex flex-col gap-6">
        <form method="post" class="flex flex-col gap-6">
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="updatedAt" value={engineer.updatedAt.toISOString()} />
          <EngineerFields
            values={data.values}
            errors={data.errors}
            currency={studio.tenant.currency}
            staff={data.staff}
            t={t}
            locale={locale}
          />
          <div>
            <Button type="submit">{t("resources.save")}</Button>
          </div>
        </form>
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
