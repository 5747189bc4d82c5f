import { formatDate, formatDateTime, type Locale, type Translator } from "@/lib/i18n/mod.ts";
import { localSpanOf } from "@/lib/scheduling/local_span.ts";
import { Button } from "./Button.tsx";
import { Card } from "./Card.tsx";
import { Input } from "./Input.tsx";
import { Table } from "./Table.tsx";

/** A closure or a stretch of time off as the card lists it. */
export interface ListedSpan {
  id: string;
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
}

/** The span form that was sent and refused, to show again with its errors. */
export interface SubmittedSpan {
  kind: "days" | "times";
  values: Record<string, string>;
  errors: Record<string, string>;
}

export interface TimeSpanCardProps {
  title: string;
  intro: string;
  empty: string;
  spans: ListedSpan[];
  /** The studio's zone: spans are shown and entered on its clocks. */
  timeZone: string;
  locale: Locale;
  t: Translator["t"];
  /** The refused form, if any. */
  submitted?: SubmittedSpan;
}

/** How a span reads on the studio's clocks: "24 Dec 2026 – 26 Dec 2026" or "29 Mar 2026, 14:00 – 18:00". */
export function spanText(span: ListedSpan, timeZone: string, locale: Locale): string {
  const local = localSpanOf(span.startsAt, span.endsAt, timeZone);
  if (local.kind === "days") {
    const first = formatDate(span.startsAt, timeZone, locale);
    const last = formatDate(span.endsAt.getTime() - 1, timeZone, locale);
    return first === last ? first : `${first} – ${last}`;
  }
  return `${formatDateTime(span.startsAt, timeZone, locale)} – ${
    formatDateTime(span.endsAt, timeZone, locale)
  }`;
}

/**
 * Closures of a room or an engineer's time off: the current and coming ones, each with a button
 * that removes it, and two forms to add one — whole days, or from one date and time to another.
 * The forms post `intent=add-span` with `kind`, removal `intent=remove-span` with `spanId`.
 */
export function TimeSpanCard(
  { title, intro, empty, spans, timeZone, locale, t, submitted }: TimeSpanCardProps,
) {
  const errorsFor = (kind: "days" | "times") => (submitted?.kind === kind ? submitted.errors : {});
  const valuesFor = (kind: "days" | "times") => (submitted?.kind === kind ? submitted.values : {});
  const days = { errors: errorsFor("days"), values: valuesFor("days") };
  const times = { errors: errorsFor("times"), values: valuesFor("times") };
  return (
    <Card title={title}>
      <p class="mb-4 text-sm text-ink-muted">{intro}</p>
      <Table
        caption={title}
        hideCaption
        rows={spans}
        empty={empty}
        columns={[
          {
            key: "when",
            header: t("resources.span.when"),
            rowHeader: true,
            render: (span) => spanText(span, timeZone, locale),
          },
          {
            key: "reason",
            header: t("resources.span.reason"),
            wrap: true,
            render: (span) => span.reason ?? "",
          },
          {
            key: "remove",
            header: <span class="sr-only">{t("common.actions")}</span>,
            align: "end",
            render: (span) => (
              <form method="post">
                <input type="hidden" name="intent" value="remove-span" />
                <input type="hidden" name="spanId" value={span.id} />
                <Button
                  type="submit"
                  size="sm"
                  variant="secondary"
                  aria-label={t("resources.span.remove_label", { when: spanText(span, timeZone, locale) })}
                >
                  {t("resources.span.remove")}
                </Button>
              </form>
            ),
          },
        ]}
      />
      <div class="mt-6 grid gap-6 lg:grid-cols-2">
        <form method="post" class="flex flex-col gap-4 rounded-lg border border-line p-4">
          <h3 class="text-sm font-semibold text-ink">{t("resources.span.add_days")}</h3>
          <input type="hidden" name="intent" value="add-span" />
          <input type="hidden" name="kind" value="days" />
          <div class="grid gap-4 sm:grid-cols-2">
            <Input
              label={t("resources.span.from_date")}
              name="from"
              type="date"
              value={days.values.from}
              error={days.errors.from}
              required
            />
            <Input
              label={t("resources.span.to_date")}
              name="to"
              type="date"
              value={days.values.to}
              error={days.errors.to}
              required
            />
          </div>
          <Input
            label={t("resources.span.reason")}
            name="reason"
            id="field-days-reason"
            value={days.values.reason}
            error={days.errors.reason}
          />
          <div>
            <Button type="submit" variant="secondary">{t("resources.span.add")}</Button>
          </div>
        </form>
        <form method="post" class="flex flex-col gap-4 rounded-lg border border-line p-4">
          <h3 class="text-sm font-semibold text-ink">{t("resources.span.add_times")}</h3>
          <input type="hidden" name="intent" value="add-span" />
          <input type="hidden" name="kind" value="times" />
          <div class="grid gap-4 sm:grid-cols-2">
            <Input
              label={t("resources.span.start")}
              name="start"
              type="datetime-local"
              value={times.values.start}
              error={times.errors.start}
              required
            />
            <Input
              label={t("resources.span.end")}
              name="end"
              type="datetime-local"
              value={times.values.end}
              error={times.errors.end}
              required
            />
          </div>
          <Input
            label={t("resources.span.reason")}
            name="reason"
            id="field-times-reason"
            value={times.values.reason}
            error={times.errors.reason}
          />
          <div>
            <Button type="submit" variant="secondary">{t("resources.span.add")}</Button>
          </div>
        </form>
      </div>
    </Card>
  );
}
