import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { Input } from "@/components/Input.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Table } from "@/components/Table.tsx";
import { type AuditRow, listAudit } from "@/lib/audit/audit.ts";
import { type AuditQuery, auditQuery } from "@/lib/audit/query.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { define } from "@/lib/http/define.ts";
import { formatDateTime } from "@/lib/i18n/format.ts";

export const access: Access = { permission: "audit.view" };

const PAGE_SIZE = 50;

interface Data {
  rows: AuditRow[];
  query: AuditQuery;
  /** The query string for the next (older) page, when there is one. */
  older?: string;
}

/** The studio's audit log, for owners: who did what, when and from where. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "audit.view");
    const studio = ctx.state.studio!;
    const { query, filter } = auditQuery(ctx.url.searchParams, studio.tenant.timezone);
    const rows = await listAudit(studio.db, { ...filter, limit: PAGE_SIZE + 1 });
    const page = rows.slice(0, PAGE_SIZE);
    const older = rows.length > PAGE_SIZE
      ? new URLSearchParams({ ...query, before: String(page.at(-1)!.id) }).toString()
      : undefined;
    return ctx.render({ rows: page, query, older });
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t } = state;
  const studio = state.studio!;
  const exportHref = `${studio.base}/app/audit.csv${url.search}`;
  return (
    <>
      <PageHeader
        title={t("audit.title")}
        description={t("audit.intro")}
        actions={<Button href={exportHref} variant="secondary">{t("audit.export")}</Button>}
      />
      <Card title={t("audit.filter")} class="mb-6">
        <form method="get" class="grid gap-4 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
          <Input
            label={t("audit.action")}
            name="action"
            value={data.query.action}
            placeholder="auth.sign_in"
          />
          <Input label={t("audit.actor")} name="actor" value={data.query.actor} />
          <Input label={t("audit.entity")} name="entity" value={data.query.entity} />
          <Input label={t("audit.from")} name="from" type="date" value={data.query.from} />
          <Input label={t("audit.to")} name="to" type="date" value={data.query.to} />
          <Button type="submit">{t("audit.apply")}</Button>
        </form>
      </Card>
      <Table
        caption={t("audit.title")}
        hideCaption
        rows={data.rows}
        empty={t("audit.empty")}
        columns={[
          {
            key: "at",
            header: t("audit.when"),
            render: (row) => formatDateTime(row.at, studio.tenant.timezone, state.locale, { time: "medium" }),
          },
          { key: "actorLabel", header: t("audit.who"), render: (row) => row.actorLabel ?? row.actorType },
          { key: "action", header: t("audit.action"), rowHeader: true },
          {
            key: "entity",
            header: t("audit.entity"),
            render: (row) => (row.entityType ? `${row.entityType} ${row.entityId ?? ""}` : ""),
          },
          {
            key: "changes",
            header: t("audit.changes"),
            wrap: true,
            render: (row) => (row.changes ? Object.keys(row.changes).join(", ") : ""),
          },
          { key: "ip", header: t("audit.from_where") },
        ]}
      />
      {data.older && (
        <p class="mt-4">
          <a href={`?${data.older}`} class="text-brand-700 underline focus-ring">{t("audit.older")}</a>
        </p>
      )}
    </>
  );
});
