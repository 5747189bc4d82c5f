import type { Access } from "@/lib/auth/access.ts";
import { Badge, type BadgeTone } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { nameColumn, ResourceList } from "@/components/ResourcePage.tsx";
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
  const notice = url.searchParams.get("deleted")
    ? t("gear.deleted")
    : url.searchParams.get("saved")
    ? t("gear.notice.created")
    : undefined;
  return (
    <ResourceList
      title={t("gear.title")}
      intro={t("gear.intro")}
      add={manage && <Button href={`${studio.base}/app/gear/new`}>{t("gear.new")}</Button>}
      notice={notice}
      emptyTitle={t("gear.empty.title")}
      emptyBody={t("gear.empty.body")}
      rows={data.gear}
      t={t}
      columns={[
        nameColumn(t("gear.field.name"), manage && `${studio.base}/app/gear`),
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
          render: (item) => <Badge tone={STATUS_TONES[item.status]}>{t(`gear.status.${item.status}`)}</Badge>,
        },
      ]}
    />
  );
});
