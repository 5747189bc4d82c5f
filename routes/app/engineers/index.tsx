import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { EmptyState } from "@/components/EmptyState.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Table } from "@/components/Table.tsx";
import { Toast } from "@/components/Toast.tsx";
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
  const add = manage && <Button href={`${studio.base}/app/engineers/new`}>{t("engineers.new")}</Button>;
  return (
    <>
      <PageHeader
        title={t("engineers.title")}
        description={t("engineers.intro")}
        actions={add}
        class="mb-6"
      />
      {url.searchParams.get("deleted") && (
        <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-6">{t("engineers.deleted")}</Toast>
      )}
      {data.engineers.length === 0
        ? (
          <EmptyState
            title={t("engineers.empty.title")}
            description={t("engineers.empty.body")}
            action={add}
          />
        )
        : (
          <Table
            caption={t("engineers.title")}
            hideCaption
            rows={data.engineers}
            empty={t("engineers.empty.title")}
            columns={[
              {
                key: "name",
                header: t("engineers.field.name"),
                rowHeader: true,
                render: (engineer) =>
                  manage
                    ? (
                      <a
                        href={`${studio.base}/app/engineers/${engineer.id}`}
                        class="text-brand-700 underline focus-ring"
                      >
                        {engineer.name}
                      </a>
                    )
                    : engineer.name,
              },
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
              {
                key: "active",
                header: t("resources.col.status"),
                render: (engineer) =>
                  engineer.active
                    ? <Badge tone="success">{t("resources.active")}</Badge>
                    : <Badge>{t("resources.inactive")}</Badge>,
              },
            ]}
          />
        )}
    </>
  );
});
