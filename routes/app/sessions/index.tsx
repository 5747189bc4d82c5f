import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { cspNonce, PageStyle, roomColourCss } from "@/components/PageStyle.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { define } from "@/lib/http/define.ts";
import { countPortalRequests } from "@/lib/portal/approvals.ts";
import { addDays, localParts, zonedInstant } from "@/lib/scheduling/local_time.ts";
import { staffViewer, visibleEngineer } from "@/lib/scheduling/session_access.ts";
import { listSessionBlocks } from "@/lib/scheduling/session_list.ts";
import { VersionedCache } from "@/lib/tenancy/versioned_cache.ts";
import { RenderedHtml } from "@/components/RenderedHtml.tsx";
import { EncodedHtml } from "@/lib/fw/encoded_html.ts";
import { KeptDocuments } from "@/lib/fw/kept_documents.ts";
import { SessionRows } from "@/components/SessionRows.tsx";
import { renderToString } from "preact-render-to-string";

export const access: Access = { permission: "sessions.view.assigned" };

const PAGE_SIZE = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the list shows, rendered once per studio data version (lib/tenancy/versioned_cache.ts). */
interface RenderedList {
  /** The table (or the "no sessions" note): plain HTML, no islands, kept encoded. */
  html: EncodedHtml;
  /** Room colour rules for the rows shown. */
  css: string;
  /** Query string of the next page, when there is one. */
  next?: string;
  /** Bookings made in the portal waiting for staff. */
  portalRequests: number;
  /** Whole pages around this table, per viewer and address; they go when the table does. */
  documents: KeptDocuments;
}

/** Pages kept per table: one per staff member (and address) looking at the same window. */
const DOCUMENTS_PER_LIST = 8;
/** A page's own bytes around the shared table (app shell, header, form): about 9 KB, counted as 16. */
const DOCUMENT_BYTES = 16 * 1024;

/**
 * Staff open this list all day, and it changes far less often: the rendered table is kept per
 * studio, window, locale and visible engineer until the studio's data changes (or a minute passes,
 * for holds that expire on their own), and with it the whole page as each viewer last got it.
 */
const renderedLists = new VersionedCache<RenderedList>(
  { maxBytes: 16 * 1024 * 1024, maxAgeMs: 60_000 },
  (list) => list.html.bytes.length + 2 * list.css.length + DOCUMENTS_PER_LIST * DOCUMENT_BYTES,
);

interface Data {
  list: RenderedList;
  from: string;
  to: string;
  nonce?: string;
}

/**
 * Sessions from a local date for two weeks (or to a chosen date), 100 per page, in start order, each
 * with its room, client and engineers: one database query, plain HTML, no script.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.view.assigned");
    const studio = ctx.state.studio!;
    const zone = studio.tenant.timezone;
    const query = ctx.url.searchParams;
    const today = localParts(new Date(), zone).date;
    const from = DATE.test(query.get("from") ?? "") ? query.get("from")! : today;
    const toParam = query.get("to") ?? "";
    const to = DATE.test(toParam) && toParam > from ? toParam : addDays(from, 14);
    const engineer = await visibleEngineer(studio.db, staffViewer(ctx.state.staff!));
    const afterStart = query.get("after_start");
    const afterBlock = query.get("after_block");
    const after = afterStart && afterBlock && !Number.isNaN(Date.parse(afterStart))
      ? { start: new Date(afterStart), blockId: afterBlock }
      : undefined;
    const { locale, t } = ctx.state;
    const key = JSON.stringify([locale, zone, studio.base, engineer, from, to, after]);
    const list = await renderedLists.get(studio.db, studio.tenant.id, key, async () => {
      const rows = engineer === "" ? [] : await listSessionBlocks(studio.db, {
        from: zonedInstant(from, "00:00", zone)!,
        to: zonedInstant(to, "00:00", zone)!,
        engineerId: engineer ?? undefined,
        after,
        limit: PAGE_SIZE + 1,
      });
      const page = rows.slice(0, PAGE_SIZE);
      const last = page.at(-1);
      return {
        html: new EncodedHtml(renderToString(
          <SessionRows rows={page} t={t} locale={locale} zone={zone} base={studio.base} />,
        )),
        css: roomColourCss(page.map((r) => ({ id: r.roomId, colour: r.colour }))),
        next: rows.length > PAGE_SIZE && last
          ? new URLSearchParams({
            from,
            to,
            after_start: last.start.toISOString(),
            after_block: last.blockId,
          })
            .toString()
          : undefined,
        portalRequests: await countPortalRequests(studio.db),
        documents: new KeptDocuments(DOCUMENTS_PER_LIST),
      };
    });
    // Everything else the page and its layouts show: the address, and who looks at which studio.
    const staff = ctx.state.staff!;
    const viewer = [ctx.url.pathname, from, to, studio.tenant.name, staff.id, staff.name, staff.role];
    return ctx.render({ list, from, to, nonce: cspNonce(ctx.hono) }, undefined, {
      documents: list.documents,
      key: JSON.stringify([...viewer, ctx.state.studios]),
    });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const studio = state.studio!;
  const zone = studio.tenant.timezone;
  const { list } = data;
  const manages = can(state.staff!.role, "sessions.manage");
  return (
    <>
      <PageStyle nonce={data.nonce} css={list.css} />
      <PageHeader
        title={t("sessions.title")}
        description={t("sessions.intro", { zone })}
        actions={manages
          ? (
            <>
              <Button href={`${studio.base}/app/sessions/requests`} variant="secondary">
                {t("portal_requests.title")}
                {list.portalRequests > 0 && <Badge tone="warning" class="ms-2">{list.portalRequests}</Badge>}
              </Button>
              <Button href={`${studio.base}/app/sessions/new`}>{t("sessions.new.title")}</Button>
            </>
          )
          : undefined}
      />
      <form method="get" class="mb-4 flex flex-wrap items-end gap-3 text-sm">
        <label>
          <span class="block font-medium">{t("sessions.list.from")}</span>
          <input type="date" name="from" value={data.from} class="field mt-1" />
        </label>
        <label>
          <span class="block font-medium">{t("sessions.list.to")}</span>
          <input type="date" name="to" value={data.to} class="field mt-1" />
        </label>
        <Button type="submit" variant="secondary">{t("sessions.list.show")}</Button>
      </form>
      <RenderedHtml html={list.html} />
      {list.next && (
        <p class="mt-4">
          <Button href={`${studio.base}/app/sessions?${list.next}`} variant="secondary">
            {t("sessions.list.more")}
          </Button>
        </p>
      )}
    </>
  );
});
