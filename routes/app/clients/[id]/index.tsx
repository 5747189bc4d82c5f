import type { Access } from "@/lib/auth/access.ts";
import type { ComponentChildren } from "preact";
import { Badge, type BadgeTone } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { ClientDocumentsCard } from "@/components/ClientDocumentsCard.tsx";
import { Dialog, DialogTrigger } from "@/components/Dialog.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Table } from "@/components/Table.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { Toast } from "@/components/Toast.tsx";
import type { BookingStatus } from "@/db/schema/mod.ts";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { type ClientDocuments, clientDocuments } from "@/lib/billing/document_list.ts";
import { localDateOf } from "@/lib/billing/issue.ts";
import { type ClientBooking, type ClientBookings, clientBookings } from "@/lib/clients/client_bookings.ts";
import { type Client, type ClientNote, getClient, listClientNotes } from "@/lib/clients/clients.ts";
import { define } from "@/lib/http/define.ts";
import { formatDate, formatDateTime, type Locale, type MessageId, type Translator } from "@/lib/i18n/mod.ts";

export const access: Access = { permission: "clients.view" };

interface Data {
  client: Client;
  notes: ClientNote[];
  bookings: ClientBookings;
  /** Staff who see invoices also see the client's documents and balance. */
  documents: ClientDocuments | null;
}

/** What `?saved=` says after each action. */
const NOTICES: Record<string, MessageId> = {
  created: "clients.hub.created",
  saved: "clients.hub.saved",
  note: "clients.hub.note_added",
  archived: "clients.hub.archived",
  restored: "clients.hub.restored",
  invited: "portal_requests.invite.sent",
};

const STATUS_TONE: Record<BookingStatus, BadgeTone> = {
  hold: "warning",
  confirmed: "success",
  in_progress: "info",
  completed: "neutral",
  cancelled: "danger",
  no_show: "danger",
  expired: "neutral",
};

/**
 * A client's hub: details, contacts, their bookings (upcoming and past) and the notes history.
 * Staff who see invoices also find the client's quotes, invoices, credit notes and balance due.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.view");
    const db = ctx.state.studio!.db;
    const client = await getClient(db, ctx.params.id);
    const [notes, bookings, documents] = await Promise.all([
      listClientNotes(db, client.id),
      clientBookings(db, client.id),
      can(ctx.state.staff!.role, "invoices.view") ? clientDocuments(db, client.id) : null,
    ]);
    return ctx.render({ client, notes, bookings, documents });
  },
});

/** A term and its value in the details list; nothing when there is no value. */
function Detail({ term, children }: { term: string; children: ComponentChildren }) {
  if (!children || (Array.isArray(children) && children.length === 0)) return null;
  return (
    <div class="grid gap-1 py-2 sm:grid-cols-3 sm:gap-4">
      <dt class="text-sm font-medium text-ink-muted">{term}</dt>
      <dd class="text-sm text-ink sm:col-span-2">{children}</dd>
    </div>
  );
}

function BookingTable(
  { rows, caption, empty, t, locale, zone, base }: {
    rows: ClientBooking[];
    caption: string;
    empty: string;
    t: Translator["t"];
    locale: Locale;
    zone: string;
    base: string;
  },
) {
  const range = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: zone });
  return (
    <Table
      caption={caption}
      rows={rows}
      empty={empty}
      class="mb-4"
      columns={[
        {
          key: "title",
          header: t("clients.hub.booking"),
          rowHeader: true,
          wrap: true,
          render: (b) => (
            <a href={`${base}/app/sessions/${b.id}`} class="text-brand-700 underline focus-ring">{b.title}</a>
          ),
        },
        { key: "roomName", header: t("clients.hub.room") },
        {
          key: "when",
          header: t("clients.hub.when"),
          render: (b) => range.formatRange(b.startsAt, b.endsAt),
        },
        {
          key: "status",
          header: t("clients.hub.status"),
          render: (b) => <Badge tone={STATUS_TONE[b.status]}>{t(`clients.booking_status.${b.status}`)}
          </Badge>,
        },
      ]}
    />
  );
}

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const zone = studio.tenant.timezone;
  const { client, notes, bookings } = data;
  const hub = `${studio.base}/app/clients/${client.id}`;
  const manage = can(state.staff!.role, "clients.manage");
  const notice = NOTICES[url.searchParams.get("saved") ?? ""];
  const regionNames = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const languageNames = new Intl.DisplayNames([locale], { type: "language", fallback: "code" });
  const address = [
    client.addressLine1,
    client.addressLine2,
    [client.postalCode, client.city].filter(Boolean).join(" "),
    client.region,
    client.country && regionNames.of(client.country),
  ].filter(Boolean);
  const archiveDialog = `archive-${client.id}`;
  return (
    <>
      <p class="mb-2 text-sm">
        <a href={`${studio.base}/app/clients`} class="text-brand-700 underline focus-ring">
          {t("clients.hub.back")}
        </a>
      </p>
      <PageHeader
        title={client.name}
        description={
          <span class="flex flex-wrap items-center gap-2">
            <Badge>{t(`clients.kind.${client.kind}`)}</Badge>
            {client.archivedAt && <Badge tone="warning">{t("clients.archived_badge")}</Badge>}
            {client.artistName && <span>{client.artistName}</span>}
            <span>
              {t("clients.hub.since", { date: formatDate(client.createdAt, zone, locale, "long") })}
            </span>
          </span>
        }
        class="mb-6"
        actions={
          <>
            {manage && <Button href={`${hub}/edit`}>{t("clients.hub.edit")}</Button>}
            <Button href={`${hub}/vcard`} variant="secondary">{t("clients.hub.vcard")}</Button>
            {manage && !client.archivedAt && client.email && (
              <Button href={`${hub}/portal-invite`} variant="secondary">
                {t("portal_requests.invite.button")}
              </Button>
            )}
            {manage && (client.archivedAt
              ? (
                <form method="post" action={`${hub}/archive`}>
                  <input type="hidden" name="archived" value="0" />
                  <Button type="submit" variant="secondary">{t("clients.hub.restore")}</Button>
                </form>
              )
              : (
                <DialogTrigger dialogId={archiveDialog} variant="ghost">
                  {t("clients.hub.archive")}
                </DialogTrigger>
              ))}
          </>
        }
      />
      {notice && <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-6">{t(notice)}</Toast>}
      {client.archivedAt && (
        <p class="mb-6 text-sm text-ink-muted">
          {t("clients.hub.archived_notice", { date: formatDate(client.archivedAt, zone, locale, "long") })}
        </p>
      )}
      <div class="grid gap-6 lg:grid-cols-2">
        <Card title={t("clients.hub.details")}>
          <dl class="divide-y divide-line">
            <Detail term={t("clients.form.email")}>
              {[client.email, ...client.extraEmails].filter(Boolean).map((email) => (
                <a key={email} href={`mailto:${email}`} class="block text-brand-700 underline focus-ring">
                  {email}
                </a>
              ))}
            </Detail>
            <Detail term={t("clients.form.phone")}>
              {[client.phone, ...client.extraPhones].filter(Boolean).map((phone) => (
                <a
                  key={phone}
                  href={`tel:${phone!.replace(/[^\d+]/g, "")}`}
                  class="block text-brand-700 underline focus-ring"
                >
                  {phone}
                </a>
              ))}
            </Detail>
            <Detail term={t("clients.form.address")}>
              {address.map((line, i) => <span key={i} class="block">{line}</span>)}
            </Detail>
            <Detail term={t("clients.form.tax_id")}>{client.taxId}</Detail>
            <Detail term={t("clients.form.locale")}>
              {client.locale && languageNames.of(client.locale)}
            </Detail>
            <Detail term={t("clients.form.currency")}>{client.currency}</Detail>
            <Detail term={t("clients.form.tags")}>
              {client.tags.length > 0 && (
                <span class="flex flex-wrap gap-1">
                  {client.tags.map((tag) => <Badge key={tag} tone="info">{tag}</Badge>)}
                </span>
              )}
            </Detail>
          </dl>
        </Card>
        <Card title={t("clients.hub.contacts")}>
          {client.contacts.length === 0
            ? <p class="text-sm text-ink-muted">{t("clients.hub.no_contacts")}</p>
            : (
              <ul class="divide-y divide-line">
                {client.contacts.map((contact) => (
                  <li key={contact.id} class="py-2 text-sm">
                    <span class="font-medium">{contact.name}</span>
                    {contact.role && <span class="text-ink-muted">, {contact.role}</span>}
                    {contact.email && (
                      <a href={`mailto:${contact.email}`} class="block text-brand-700 underline focus-ring">
                        {contact.email}
                      </a>
                    )}
                    {contact.phone && <span class="block">{contact.phone}</span>}
                  </li>
                ))}
              </ul>
            )}
        </Card>
        <Card
          title={t("clients.hub.bookings")}
          class="lg:col-span-2"
          actions={
            <span class="text-sm text-ink-muted">
              {t("clients.hub.bookings_total", { count: bookings.total })}
            </span>
          }
        >
          <BookingTable
            rows={bookings.upcoming}
            caption={t("clients.hub.upcoming")}
            empty={t("clients.hub.no_upcoming")}
            t={t}
            locale={locale}
            zone={zone}
            base={studio.base}
          />
          <BookingTable
            rows={bookings.past}
            caption={t("clients.hub.past")}
            empty={t("clients.hub.no_past")}
            t={t}
            locale={locale}
            zone={zone}
            base={studio.base}
          />
        </Card>
        {data.documents && (
          <ClientDocumentsCard
            documents={data.documents}
            clientId={client.id}
            base={studio.base}
            today={localDateOf(new Date(), zone)}
            t={t}
            locale={locale}
          />
        )}
        <section id="notes" class="lg:col-span-2">
          <Card title={t("clients.hub.notes")}>
            {manage && (
              <form method="post" action={`${hub}/notes`} class="mb-6 flex flex-col gap-3">
                <Textarea label={t("clients.hub.note_label")} name="body" rows={3} required />
                <div>
                  <Button type="submit">{t("clients.hub.note_submit")}</Button>
                </div>
              </form>
            )}
            {notes.length === 0
              ? <p class="text-sm text-ink-muted">{t("clients.hub.no_notes")}</p>
              : (
                <ol class="divide-y divide-line">
                  {notes.map((note) => (
                    <li key={note.id} class="py-3">
                      <p class="text-xs text-ink-muted">
                        {t("clients.hub.note_by", {
                          author: note.authorLabel ?? "—",
                          date: formatDateTime(note.createdAt, zone, locale),
                        })}
                      </p>
                      <p class="mt-1 text-sm whitespace-pre-line text-ink">{note.body}</p>
                    </li>
                  ))}
                </ol>
              )}
          </Card>
        </section>
      </div>
      {manage && !client.archivedAt && (
        <Dialog
          id={archiveDialog}
          title={t("clients.hub.archive_title", { name: client.name })}
          closeLabel={t("common.close")}
          footer={
            <>
              <Button command="close" commandfor={archiveDialog} variant="ghost">{t("common.cancel")}</Button>
              <form method="post" action={`${hub}/archive`}>
                <input type="hidden" name="archived" value="1" />
                <Button type="submit" variant="danger">{t("clients.hub.archive")}</Button>
              </form>
            </>
          }
        >
          <p class="text-sm">{t("clients.hub.archive_body")}</p>
        </Dialog>
      )}
    </>
  );
});
