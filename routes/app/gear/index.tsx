import type { Access } from "@/lib/auth/access.ts";
import { Badge, type BadgeTone } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { EmptyState } from "@/components/EmptyState.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Table } from "@/components/Table.tsx";
import { Toast } from "@/components/Toast.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { formatAmount } from "@/lib/billing/currency.ts";
import { define } from "@/lib/http/define.ts";
import { type GearItem, listGear } from "@/lib/scheduling/gear.ts";
import type { GearStatus } from "@/db/schema/mod.ts";

export const access: Access = { permission: "rooms.view" };

const STATUS_TONES: Record<GearStatus, BadgeTone> = {
  in_service: "success",
  maintenance: "warning",
  out: "neutral",
};

/** The studio's gear by category, with units, add-on fee and status. */
export const handler = define.handlers<{ gear: GearItem[] }>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.view");
    return ctx.render({ gear: await listGear(ctx.state.studio!.db) });
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const manage = can(state.staff!.role, "rooms.manage");
  const add = manage && <Button href={`${studio.base}/app/gear/new`}>{t("gear.new")}</Button>;
  return (
    <>
      <PageHeader title={t("gear.title")} description={t("gear.intro")} actions={add} class="mb-6" />
      {(url.searchParams.get("deleted") || url.searchParams.get("saved")) && (
        <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-6">
          {url.searchParams.get("deleted") ? t("gear.deleted") : t("gear.notice.created")}
        </Toast>
      )}
      {data.gear.length === 0
        ? <EmptyState title={t("gear.empty.title")} description={t("gear.empty.body")} action={add} />
        : (
          <Table
            caption={t("gear.title")}
            hideCaption
            rows={data.gear}
            empty={t("gear.empty.title")}
            columns={[
              {
                key: "name",
                header: t("gear.field.name"),
                rowHeader: true,
                render: (item) =>
                  manage
                    ? (
                      <a
                        href={`${studio.base}/app/gear/${item.id}`}
                        class="text-brand-700 underline focus-ring"
                      >
                        {item.name}
                      </a>
                    )
                    : item.name,
              },
              { key: "category", header: t("gear.field.category") },
              { key: "quantity", header: t("gear.col.quantity"), align: "end" },
              {
                key: "fee",
                header: t("gear.col.fee"),
                align: "end",
                render: (item) =>
                  t(`gear.fee_value.${item.feePer}`, {
                    amount: formatAmount(item.fee, studio.tenant.currency, locale),
                  }),
              },
              {
                key: "status",
                header: t("gear.field.status"),
                render: (item) => (
                  <Badge tone={STATUS_TONES[item.status]}>{t(`gear.status.${item.status}`)}</Badge>
                ),
              },
            ]}
          />
        )}
    </>
  );
});
