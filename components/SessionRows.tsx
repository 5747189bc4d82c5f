import type { Translator } from "@/lib/i18n/mod.ts";
import type { SessionBlockRow } from "@/lib/scheduling/session_list.ts";

interface Props {
  rows: SessionBlockRow[];
  t: Translator["t"];
  locale: string;
  /** The studio's zone: every time is shown in it. */
  zone: string;
  /** The studio's URL prefix (`/s/<slug>` or "" on its own domain). */
  base: string;
}

/** The sessions list's table: a row per block with its day, times, title, client, room and engineers. */
export function SessionRows({ rows, t, locale, zone, base }: Props) {
  if (rows.length === 0) {
    return (
      <p class="rounded-lg border border-line bg-surface p-6 text-neutral-700">{t("sessions.list.empty")}</p>
    );
  }
  const day = new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: zone,
  });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: zone });
  return (
    <div class="overflow-x-auto rounded-lg border border-line bg-surface">
      <table class="w-full text-left text-sm">
        <caption class="sr-only">{t("sessions.title")}</caption>
        <thead class="border-b border-line bg-neutral-50">
          <tr>
            <th scope="col" class="px-3 py-2">{t("sessions.list.when")}</th>
            <th scope="col" class="px-3 py-2">{t("sessions.form.title")}</th>
            <th scope="col" class="px-3 py-2">{t("sessions.form.client")}</th>
            <th scope="col" class="px-3 py-2">{t("sessions.form.room")}</th>
            <th scope="col" class="px-3 py-2">{t("sessions.form.engineers")}</th>
            <th scope="col" class="px-3 py-2">{t("sessions.list.status")}</th>
          </tr>
        </thead>
        <tbody class="divide-y divide-line">
          {rows.map((r) => (
            <tr key={r.blockId}>
              <td class="whitespace-nowrap px-3 py-2">
                {day.format(r.start)} · {time.format(r.start)} – {time.format(r.end)}
              </td>
              <th scope="row" class="px-3 py-2 font-medium">
                <a class="text-brand-700 underline" href={`${base}/app/sessions/${r.bookingId}`}>{r.title}</a>
              </th>
              <td class="px-3 py-2">{r.clientName ?? "—"}</td>
              <td class="px-3 py-2">
                <span class={`room-${r.roomId} me-1 inline-block size-2 rounded-full bg-(--room)`} />
                {r.roomName}
              </td>
              <td class="px-3 py-2">{r.engineerNames ?? "—"}</td>
              <td class="px-3 py-2">{t(`sessions.status.${r.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
