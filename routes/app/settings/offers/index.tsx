import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { SettingsNav } from "@/components/SettingsNav.tsx";
import { Table } from "@/components/Table.tsx";
import { Toast } from "@/components/Toast.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { define } from "@/lib/http/define.ts";
import { formatMoney, type Translator } from "@/lib/i18n/mod.ts";
import type { Locale } from "@/lib/i18n/mod.ts";
import { formatDuration } from "@/lib/portal/durations.ts";
import { listOffers, type Offer } from "@/lib/portal/offers.ts";
import { listEngineers } from "@/lib/scheduling/engineers.ts";
import { listRooms } from "@/lib/scheduling/rooms.ts";

/** Managers, who handle the bookings clients make, read the offers; owners and admins change them. */
export const access: Access = { permission: "sessions.manage", write: "studio.settings" };

interface Data {
  offers: Offer[];
  roomNames: Record<string, string>;
  engineerNames: Record<string, string>;
  canManage: boolean;
}

/** What `?saved=` says after each action. */
const OFFER_NOTICES = {
  created: "offers.notice.created",
  updated: "offers.notice.updated",
  deactivated: "offers.notice.deactivated",
  activated: "offers.notice.activated",
} as const;

/** The offers clients can book on the portal, active ones and the others. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.manage");
    const db = ctx.state.studio!.db;
    const [offers, rooms, engineers] = await Promise.all([
      listOffers(db),
      listRooms(db, { includeInactive: true }),
      listEngineers(db, { includeInactive: true }),
    ]);
    return ctx.render({
      offers,
      roomNames: Object.fromEntries(rooms.map((r) => [r.id, r.name])),
      engineerNames: Object.fromEntries(engineers.map((e) => [e.id, e.name])),
      canManage: can(ctx.state.staff!.role, "studio.settings"),
    });
  },
});

/** "30 % or €50.00, whichever is more": the deposit rule in a table cell. */
function depositRuleText(offer: Offer, t: Translator["t"], locale: Locale): string {
  const { rule, percentBp, flatAmount } = offer.policy.deposit;
  const flat = formatMoney(flatAmount, offer.currency, locale);
  const percent = percentBp / 100;
  if (rule === "percent") return t("offers.list.deposit_percent", { percent });
  if (rule === "flat") return t("offers.list.deposit_flat", { amount: flat });
  if (rule === "greater") return t("offers.list.deposit_greater", { percent, amount: flat });
  return t("offers.list.deposit_none");
}

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const path = "/app/settings/offers";
  const notice = OFFER_NOTICES[url.searchParams.get("saved") as keyof typeof OFFER_NOTICES];
  return (
    <>
      <PageHeader
        title={t("offers.title")}
        description={t("offers.intro")}
        actions={data.canManage && (
          <Button href={`${studio.base}${path}/new`}>{t("offers.new_button")}</Button>
        )}
      />
      <SettingsNav
        base={studio.base}
        path={url.pathname.slice(studio.base.length)}
        role={state.staff!.role}
        t={t}
        class="mt-4"
      />
      {notice && <Toast tone="success" dismissLabel={t("common.dismiss")} class="mt-6">{t(notice)}</Toast>}
      <Table
        class="mt-6"
        caption={t("offers.title")}
        hideCaption
        rows={data.offers}
        empty={t("offers.empty")}
        columns={[
          {
            key: "name",
            header: t("offers.list.name"),
            rowHeader: true,
            render: (o) =>
              data.canManage
                ? <a href={`${studio.base}${path}/${o.id}/edit`} class="font-medium underline">{o.name}</a>
                : o.name,
          },
          {
            key: "roomIds",
            header: t("offers.list.rooms"),
            render: (o) => o.roomIds.map((id) => data.roomNames[id] ?? id).join(", "),
          },
          {
            key: "engineerId",
            header: t("offers.list.engineer"),
            render: (o) =>
              o.engineerId ? data.engineerNames[o.engineerId] ?? "" : t("offers.list.no_engineer"),
          },
          {
            key: "durations",
            header: t("offers.list.durations"),
            render: (o) => (
              <ul>
                {o.durations.map((d) => (
                  <li key={d.minutes}>
                    {formatDuration(d.minutes, t)} · {formatMoney(d.price, o.currency, locale)}
                  </li>
                ))}
              </ul>
            ),
          },
          { key: "policy", header: t("offers.list.deposit"), render: (o) => depositRuleText(o, t, locale) },
          {
            key: "active",
            header: t("offers.list.status"),
            render: (o) => (
              <div class="flex flex-wrap gap-1">
                {o.active
                  ? <Badge tone="success">{t("offers.list.active")}</Badge>
                  : <Badge tone="neutral">{t("offers.list.inactive")}</Badge>}
                {o.requiresApproval && <Badge tone="warning">{t("offers.list.approval")}</Badge>}
              </div>
            ),
          },
        ]}
      />
    </>
  );
});
