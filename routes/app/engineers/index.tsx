import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { activeColumn, nameColumn, ResourceList } from "@/components/ResourcePage.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { formatAmount } from "@/lib/billing/currency.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { type Engineer, linkableStaff, listEngineers } from "@/lib/scheduling/engineers.ts";

export const access: Access = { permission: "rooms.view" };

interface Data {
  engineers: Engineer[];
  /** Names of the linked staff accounts, by staff id. */
  accounts: Record<string, string>;
}

/** The people sessions book, inactive ones last; managers open each to edit them. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.view");
    const studio = ctx.state.studio!;
    const [engineers, staff] = await Promise.all([
      listEngineers(studio.db, { includeInactive: true }),
      linkableStaff(depsOf(ctx).kv, studio.tenant.id),
    ]);
    return ctx.render({
      engineers,
      accounts: Object.fromEntries(staff.map((person) => [person.staffId, person.name])),
    });
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const manage = can(state.staff!.role, "rooms.manage");
  return (
    <ResourceList
      title={t("engineers.title")}
      intro={t("engineers.intro")}
      add={manage && <Button href={`${studio.base}/app/engineers/new`}>{t("engineers.new")}</Button>}
      notice={url.searchParams.get("deleted") ? t("engineers.deleted") : undefined}
      emptyTitle={t("engineers.empty.title")}
      emptyBody={t("engineers.empty.body")}
      rows={data.engineers}
      t={t}
      columns={[
        nameColumn(t("engineers.field.name"), manage && `${studio.base}/app/engineers`),
        {
          key: "staffId",
          header: t("engineers.field.staff"),
          render: (engineer) => (engineer.staffId ? data.accounts[engineer.staffId] ?? "—" : ""),
        },
        { key: "email", header: t("engineers.field.email") },
        {
          key: "hourlyRate",
          header: t("engineers.col.hourly"),
          align: "end",
          render: (engineer) => formatAmount(engineer.hourlyRate, studio.tenant.currency, locale),
        },
        activeColumn(t),
      ]}
    />
  );
});
