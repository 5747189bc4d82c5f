import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { EmptyState } from "@/components/EmptyState.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Table } from "@/components/Table.tsx";
import { Toast } from "@/components/Toast.tsx";
import { formatAmount } from "@/lib/billing/currency.ts";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { define } from "@/lib/http/define.ts";
import { hoursText } from "@/lib/scheduling/resource_forms.ts";
import { listRooms, type Room } from "@/lib/scheduling/rooms.ts";

export const access: Access = { permission: "rooms.view" };

/** The studio's rooms, inactive ones last; managers open each to edit it. */
export const handler = define.handlers<{ rooms: Room[] }>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.view");
    return ctx.render({ rooms: await listRooms(ctx.state.studio!.db, { includeInactive: true }) });
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const manage = can(state.staff!.role, "rooms.manage");
  const newRoom = manage && <Button href={`${studio.base}/app/rooms/new`}>{t("rooms.new")}</Button>;
  return (
    <>
      <PageHeader title={t("rooms.title")} description={t("rooms.intro")} actions={newRoom} class="mb-6" />
      {url.searchParams.get("deleted") && (
        <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-6">{t("rooms.deleted")}</Toast>
      )}
      {data.rooms.length === 0
        ? <EmptyState title={t("rooms.empty.title")} description={t("rooms.empty.body")} action={newRoom} />
        : (
          <Table
            caption={t("rooms.title")}
            hideCaption
            rows={data.rooms}
            empty={t("rooms.empty.title")}
            columns={[
              {
                key: "name",
                header: t("rooms.field.name"),
                rowHeader: true,
                render: (room) =>
                  manage
                    ? (
                      <a
                        href={`${studio.base}/app/rooms/${room.id}`}
                        class="text-brand-700 underline focus-ring"
                      >
                        {room.name}
                      </a>
                    )
                    : room.name,
              },
              { key: "kind", header: t("rooms.field.kind"), render: (room) => t(`rooms.kind.${room.kind}`) },
              { key: "capacity", header: t("rooms.field.capacity"), align: "end" },
              {
                key: "hourlyRate",
                header: t("rooms.col.hourly"),
                align: "end",
                render: (room) => formatAmount(room.hourlyRate, studio.tenant.currency, locale),
              },
              {
                key: "minimumMinutes",
                header: t("rooms.col.minimum"),
                align: "end",
                render: (room) =>
                  t("resources.hours_value", { hours: hoursText(room.minimumMinutes, locale) }),
              },
              {
                key: "active",
                header: t("resources.col.status"),
                render: (room) =>
                  room.active
                    ? <Badge tone="success">{t("resources.active")}</Badge>
                    : <Badge>{t("resources.inactive")}</Badge>,
              },
            ]}
          />
        )}
    </>
  );
});
