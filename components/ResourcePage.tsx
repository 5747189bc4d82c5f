import type { ComponentChildren } from "preact";
import type { Translator } from "@/lib/i18n/mod.ts";
import type { RefusedSpan } from "@/lib/scheduling/resource_page.ts";
import { Badge } from "./Badge.tsx";
import { Button } from "./Button.tsx";
import { EmptyState } from "./EmptyState.tsx";
import { type FieldError, FormErrorSummary } from "./FormErrorSummary.tsx";
import { PageHeader } from "./PageHeader.tsx";
import { Table, type TableColumn } from "./Table.tsx";
import { Toast } from "./Toast.tsx";

// The pieces the rooms, engineers and gear pages share; each page keeps its own fields and columns.

export interface ResourceListProps<Row> {
  title: string;
  intro: string;
  /** The "New …" button, shown to managers only (also in the empty state). */
  add?: ComponentChildren;
  /** What `?deleted=` or `?saved=` says, if anything. */
  notice?: string;
  emptyTitle: string;
  emptyBody: string;
  rows: Row[];
  columns: TableColumn<Row>[];
  t: Translator["t"];
}

/** A list of rooms, engineers or gear: its header, a notice, and the table or an empty state. */
export function ResourceList<Row>(props: ResourceListProps<Row>) {
  return (
    <>
      <PageHeader title={props.title} description={props.intro} actions={props.add} class="mb-6" />
      {props.notice && <NoticeToast text={props.notice} t={props.t} />}
      {props.rows.length === 0
        ? <EmptyState title={props.emptyTitle} description={props.emptyBody} action={props.add} />
        : (
          <Table
            caption={props.title}
            hideCaption
            rows={props.rows}
            empty={props.emptyTitle}
            columns={props.columns}
          />
        )}
    </>
  );
}

/** A list's name column: a link to each record's page under `base` for managers, plain text otherwise. */
export function nameColumn<Row extends { id: string; name: string }>(
  header: string,
  base: string | false,
): TableColumn<Row> {
  return {
    key: "name",
    header,
    rowHeader: true,
    render: (row) =>
      base
        ? <a href={`${base}/${row.id}`} class="text-brand-700 underline focus-ring">{row.name}</a>
        : row.name,
  };
}

/** A list's status column for records taken off the booking pages (rooms, engineers). */
export function activeColumn<Row extends { active: boolean }>(t: Translator["t"]): TableColumn<Row> {
  return {
    key: "active",
    header: t("resources.col.status"),
    render: (row) =>
      row.active
        ? <Badge tone="success">{t("resources.active")}</Badge>
        : <Badge>{t("resources.inactive")}</Badge>,
  };
}

export interface NewResourceFormProps {
  title: string;
  intro: string;
  errors: FieldError[];
  createLabel: string;
  /** The list the Cancel button goes back to. */
  listHref: string;
  t: Translator["t"];
  /** The record's fields. */
  children: ComponentChildren;
}

/** The page that adds a room, an engineer or a gear item: a form that comes back with its problems. */
export function NewResourceForm(props: NewResourceFormProps) {
  const { t } = props;
  return (
    <>
      <PageHeader title={props.title} description={props.intro} class="mb-6" />
      <FormErrorSummary title={t("form.error.summary")} errors={props.errors} class="mb-6" />
      <form method="post" class="flex flex-col gap-6">
        {props.children}
        <div class="flex gap-3">
          <Button type="submit">{props.createLabel}</Button>
          <Button href={props.listHref} variant="ghost">{t("common.cancel")}</Button>
        </div>
      </form>
    </>
  );
}

export interface ResourceHeaderProps {
  /** The record's name. */
  title: string;
  description: string;
  /** The button back to the list, e.g. "All rooms". */
  listHref: string;
  listLabel: string;
  /** What `?saved=` says; hidden while the page shows a refusal or problems. */
  notice?: string;
  /** Why an action was refused. */
  refusal?: string;
  errors: FieldError[];
  t: Translator["t"];
  /** Shown between the notices and the error summary (e.g. a warning about upcoming sessions). */
  children?: ComponentChildren;
}

/** The top of a record's page: its name, the saved notice, a refusal, then the form's problems. */
export function ResourceHeader(props: ResourceHeaderProps) {
  const { notice, refusal, errors, t } = props;
  return (
    <>
      <PageHeader
        title={props.title}
        description={props.description}
        actions={<Button href={props.listHref} variant="secondary">{props.listLabel}</Button>}
        class="mb-6"
      />
      {notice && !refusal && errors.length === 0 && <NoticeToast text={notice} t={t} />}
      {refusal && <Toast tone="error" dismissLabel={t("common.dismiss")} class="mb-6">{refusal}</Toast>}
      {props.children}
      <FormErrorSummary title={t("form.error.summary")} errors={errors} class="mb-6" />
    </>
  );
}

function NoticeToast({ text, t }: { text: string; t: Translator["t"] }) {
  return <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-6">{text}</Toast>;
}

/** A record's settings form: it saves against the `updatedAt` it was shown with (a stale save is refused). */
export function ResourceSettingsForm(
  { updatedAt, saveLabel, children }: { updatedAt: Date; saveLabel: string; children: ComponentChildren },
) {
  return (
    <form method="post" class="flex flex-col gap-6">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="updatedAt" value={updatedAt.toISOString()} />
      {children}
      <div>
        <Button type="submit">{saveLabel}</Button>
      </div>
    </form>
  );
}

/** A refused span form's problems for the summary; its reason field's id names the form it is on. */
export function spanErrorSummary(span: RefusedSpan | undefined): FieldError[] {
  return Object.entries(span?.errors ?? {}).map(([name, message]) => ({
    name,
    message,
    id: name === "reason" ? `field-${span!.kind}-reason` : undefined,
  }));
}
