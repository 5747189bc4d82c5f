import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import {
  clientsWithUninvoicedSessions,
  invoiceFromBookings,
  type UninvoicedSession,
  uninvoicedSessions,
} from "@/lib/billing/invoice_from_bookings.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "invoices.manage" };

interface Data {
  clients: { id: string; name: string; sessions: number }[];
  clientId: string;
  sessions: UninvoicedSession[];
  checked: string[];
  error?: string;
}

async function load(ctx: Ctx<Data>, clientId: string, checked: string[], error?: string): Promise<Data> {
  const db = ctx.state.studio!.db;
  const [clients, sessions] = await Promise.all([
    clientsWithUninvoicedSessions(db),
    clientId ? uninvoicedSessions(db, clientId) : Promise.resolve([]),
  ]);
  return { clients, clientId, sessions, checked, error };
}

/** Journey 9: pick a client, tick its completed sessions not yet invoiced, get one draft invoice. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const clientId = ctx.url.searchParams.get("client") ?? "";
    const data = await load(ctx, clientId, []);
    // Every session ticked by default: invoicing all of a client's sessions is the usual case.
    return ctx.render({ ...data, checked: data.sessions.map((s) => s.id) });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const clientId = String(form.get("clientId") ?? "");
    const bookingIds = form.getAll("bookingIds").map(String);
    try {
      const invoice = await invoiceFromBookings(studio.db, { clientId, bookingIds }, actingAs(ctx));
      return ctx.redirect(`${studio.base}/app/invoices/${invoice.id}?saved=created`);
    } catch (err) {
      const message = err instanceof ValidationError
        ? Object.values(err.fields).join(" ")
        : err instanceof ConflictError
        ? err.message
        : undefined;
      if (message === undefined) throw err;
      return ctx.render(await load(ctx, clientId, bookingIds, message), {
        status: err instanceof ConflictError ? 409 : 422,
      });
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const zone = studio.tenant.timezone;
  const range = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: zone });
  return (
    <>
      <p class="mb-2 text-sm">
        <a href={`${studio.base}/app/invoices`} class="text-brand-700 underline focus-ring">
          {t("billing.view.back_invoices")}
        </a>
      </p>
      <PageHeader
        title={t("invoices.sessions.title")}
        description={t("invoices.sessions.intro")}
        class="mb-6"
      />
      {data.error && (
        <div
          role="alert"
          class="mb-4 rounded-lg border-2 border-danger-700 bg-danger-50 p-4 text-sm text-danger-800"
        >
          {data.error}
        </div>
      )}
      {data.clients.length === 0 && !data.clientId
        ? <p class="rounded-lg border border-line bg-surface p-6">{t("invoices.sessions.none")}</p>
        : (
          <form method="get" class="mb-6 flex flex-wrap items-end gap-3 text-sm">
            <label>
              <span class="block font-medium">{t("invoices.sessions.client")}</span>
              <select name="client" class="field mt-1">
                {data.clients.map((c) => (
                  <option key={c.id} value={c.id} selected={c.id === data.clientId}>
                    {t("invoices.sessions.count", { name: c.name, count: c.sessions })}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" variant="secondary">{t("invoices.sessions.show")}</Button>
          </form>
        )}
      {data.clientId && (
        data.sessions.length === 0
          ? <p class="rounded-lg border border-line bg-surface p-6">{t("invoices.sessions.none")}</p>
          : (
            <form method="post" class="flex flex-col gap-4">
              <input type="hidden" name="clientId" value={data.clientId} />
              <fieldset class="rounded-lg border border-line bg-surface p-4">
                <legend class="px-1 font-semibold">{t("invoices.sessions.pick")}</legend>
                <ul class="flex flex-col gap-2">
                  {data.sessions.map((s) => (
                    <li key={s.id}>
                      <label class="flex items-start gap-2 text-sm">
                        <input
                          type="checkbox"
                          name="bookingIds"
                          value={s.id}
                          checked={data.checked.includes(s.id)}
                          class="mt-1"
                        />
                        <span>
                          <span class="font-medium">{s.title}</span> — {s.roomName} —{" "}
                          {range.formatRange(s.startsAt, s.endsAt)}
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <div>
                <Button type="submit">{t("invoices.sessions.create")}</Button>
              </div>
            </form>
          )
      )}
    </>
  );
});
