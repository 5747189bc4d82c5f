import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { EmptyState } from "@/components/EmptyState.tsx";
import { Input } from "@/components/Input.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Select } from "@/components/Select.tsx";
import { Table } from "@/components/Table.tsx";
import { Toast } from "@/components/Toast.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { type ClientPage, searchClients, searchFromParams, searchQueryString } from "@/lib/clients/search.ts";
import { define } from "@/lib/http/define.ts";

export const access: Access = { permission: "clients.view" };

/** Journey 6: the clients, searched by any part of a name or e-mail, a page at a time. */
export const handler = define.handlers<ClientPage>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.view");
    return ctx.render(await searchClients(ctx.state.studio!.db, searchFromParams(ctx.url.searchParams)));
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t } = state;
  const studio = state.studio!;
  const base = `${studio.base}/app/clients`;
  const manage = can(state.staff!.role, "clients.manage");
  const { search } = data;
  const filtered = Boolean(search.q || search.tag || search.archived);
  const exportQuery = searchQueryString({ ...search, page: 1 });
  const imported = Number(url.searchParams.get("imported") ?? 0);
  const skipped = Number(url.searchParams.get("skipped") ?? 0);
  const newClient = manage && <Button href={`${base}/new`}>{t("clients.new")}</Button>;
  const importButton = manage && (
    <Button href={`${base}/import`} variant="secondary">{t("clients.import")}</Button>
  );
  return (
    <>
      <PageHeader
        title={t("clients.title")}
        description={t("clients.intro")}
        class="mb-6"
        actions={
          <>
            {newClient}
            {importButton}
            <Button href={`${base}/export.csv${exportQuery}`} variant="secondary">
              {t("clients.export_csv")}
            </Button>
            <Button href={`${base}/export.vcf${exportQuery}`} variant="secondary">
              {t("clients.export_vcard")}
            </Button>
          </>
        }
      />
      {imported > 0 && (
        <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-6">
          {skipped > 0
            ? t("clients.import.done_skipped", { count: imported, skipped })
            : t("clients.import.done", { count: imported })}
        </Toast>
      )}
      {!filtered && data.total === 0
        ? (
          <EmptyState
            title={t("clients.empty.title")}
            description={t("clients.empty.body")}
            action={manage && (
              <div class="flex flex-wrap justify-center gap-2">
                {newClient}
                {importButton}
              </div>
            )}
          />
        )
        : (
          <>
            <Card class="mb-6">
              <form
                method="get"
                role="search"
                class="grid gap-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto] lg:items-end"
              >
                <Input
                  label={t("clients.search.label")}
                  name="q"
                  type="search"
                  value={search.q}
                  hint={t("clients.search.hint")}
                  autocomplete="off"
                />
                <Input label={t("clients.search.tag")} name="tag" value={search.tag} autocomplete="off" />
                <Select
                  label={t("clients.search.show")}
                  name="show"
                  value={search.archived ? "archived" : "current"}
                  options={[
                    { value: "current", label: t("clients.search.current") },
                    { value: "archived", label: t("clients.search.archived") },
                  ]}
                />
                <div class="flex gap-2">
                  <Button type="submit">{t("clients.search.submit")}</Button>
                  {filtered && <Button href={base} variant="ghost">{t("clients.search.clear")}</Button>}
                </div>
              </form>
            </Card>
            <p class="mb-3 text-sm text-ink-muted">
              {search.q
                ? t("clients.list.matching", { count: data.total, q: search.q })
                : t("clients.list.count", { count: data.total })}
            </p>
            <Table
              caption={t("clients.title")}
              hideCaption
              rows={data.items}
              empty={t("clients.list.empty")}
              columns={[
                {
                  key: "name",
                  header: t("clients.list.name"),
                  rowHeader: true,
                  wrap: true,
                  render: (client) => (
                    <>
                      <a href={`${base}/${client.id}`} class="text-brand-700 underline focus-ring">
                        {client.name}
                      </a>
                      {client.archivedAt && <Badge class="ms-2">{t("clients.archived_badge")}</Badge>}
                      {client.artistName && (
                        <span class="block text-xs font-normal text-ink-muted">{client.artistName}</span>
                      )}
                      {client.matchedContact && (
                        <span class="block text-xs font-normal text-ink-muted">
                          {t("clients.list.via_contact", { name: client.matchedContact })}
                        </span>
                      )}
                    </>
                  ),
                },
                { key: "kind", header: t("clients.list.kind"), render: (c) => t(`clients.kind.${c.kind}`) },
                { key: "email", header: t("clients.list.email") },
                { key: "phone", header: t("clients.list.phone") },
                { key: "city", header: t("clients.list.city") },
                {
                  key: "tags",
                  header: t("clients.list.tags"),
                  wrap: true,
                  render: (client) => (
                    <span class="flex flex-wrap gap-1">
                      {client.tags.map((tag) => (
                        <a
                          key={tag}
                          href={`${base}${searchQueryString({ tag, archived: search.archived })}`}
                          aria-label={t("clients.list.tag_link", { tag })}
                          class="rounded-full focus-ring"
                        >
                          <Badge tone="info">{tag}</Badge>
                        </a>
                      ))}
                    </span>
                  ),
                },
              ]}
            />
            {data.pages > 1 && (
              <nav
                aria-label={t("clients.page.nav")}
                class="mt-4 flex items-center justify-between gap-4 text-sm"
              >
                {data.page > 1
                  ? (
                    <a
                      href={`${base}${searchQueryString({ ...search, page: data.page - 1 })}`}
                      rel="prev"
                      class="text-brand-700 underline focus-ring"
                    >
                      {t("clients.page.previous")}
                    </a>
                  )
                  : <span />}
                <span class="text-ink-muted">
                  {t("clients.page.status", { page: data.page, pages: data.pages })}
                </span>
                {data.page < data.pages
                  ? (
                    <a
                      href={`${base}${searchQueryString({ ...search, page: data.page + 1 })}`}
                      rel="next"
                      class="text-brand-700 underline focus-ring"
                    >
                      {t("clients.page.next")}
                    </a>
                  )
                  : <span />}
              </nav>
            )}
          </>
        )}
    </>
  );
});
