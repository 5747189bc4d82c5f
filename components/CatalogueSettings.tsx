import type { ComponentChildren } from "preact";
import type { Translator } from "@/lib/i18n/mod.ts";
import { Badge } from "./Badge.tsx";
import { Button } from "./Button.tsx";
import { FormErrorSummary } from "./FormErrorSummary.tsx";
import { SettingsHeader, type SettingsHeaderProps } from "./SettingsHeader.tsx";
import type { TableColumn } from "./Table.tsx";

// The pieces the tax rates and services settings pages share: a list of records that are archived
// rather than deleted, with one form beside it to add a record or edit the one picked.

export interface CatalogueHeaderProps extends SettingsHeaderProps {
  /** The form's problems by field. */
  errors: Record<string, string>;
}

/** The settings page's top and the summary of the form's problems. */
export function CatalogueHeader({ errors, ...header }: CatalogueHeaderProps) {
  const summary = Object.entries(errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <SettingsHeader {...header} />
      <FormErrorSummary title={header.state.t("form.error.summary")} errors={summary} class="mt-6" />
    </>
  );
}

interface Archivable {
  id: string;
  name: string;
  archivedAt: Date | null;
}

/**
 * The last two columns of the list: active or archived, then Edit (a link to the form, `?edit=<id>`)
 * and a form posting `intent=archive` or `intent=restore` with the record's id.
 */
export function archiveColumns<Row extends Archivable>(
  options: {
    /** The page's address; Edit adds `?edit=<id>` and the form's anchor. */
    href: string;
    formId: string;
    /** The Edit button's accessible name for a row, e.g. "Edit VAT". */
    editLabel: (row: Row) => string;
    t: Translator["t"];
  },
): TableColumn<Row>[] {
  const { t } = options;
  return [
    {
      key: "archivedAt",
      header: t("tax_rates.status"),
      render: (row) =>
        row.archivedAt
          ? <Badge tone="neutral">{t("tax_rates.archived")}</Badge>
          : <Badge tone="success">{t("tax_rates.active")}</Badge>,
    },
    {
      key: "actions",
      header: t("common.actions"),
      render: (row) => (
        <div class="flex flex-wrap gap-2">
          <Button
            href={`${options.href}?edit=${row.id}#${options.formId}`}
            variant="secondary"
            size="sm"
            aria-label={options.editLabel(row)}
          >
            {t("common.edit")}
          </Button>
          <form method="post">
            <input type="hidden" name="intent" value={row.archivedAt ? "restore" : "archive"} />
            <input type="hidden" name="id" value={row.id} />
            <Button type="submit" variant="ghost" size="sm">
              {row.archivedAt ? t("tax_rates.restore") : t("tax_rates.archive")}
            </Button>
          </form>
        </div>
      ),
    },
  ];
}

export interface CatalogueFormProps {
  id: string;
  /** The record being edited, or "" for a new one. */
  editing: string;
  addLabel: string;
  /** The page's address, where Cancel goes back to. */
  href: string;
  t: Translator["t"];
  /** The record's fields. */
  children: ComponentChildren;
}

/** The form that adds a record or saves the one being edited (posting `intent=save` and its `id`). */
export function CatalogueForm(props: CatalogueFormProps) {
  const { t } = props;
  return (
    <form method="post" id={props.id} class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-start">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="id" value={props.editing} />
      {props.children}
      <div class="flex gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit">{props.editing ? t("common.save") : props.addLabel}</Button>
        {props.editing && <Button href={props.href} variant="ghost">{t("common.cancel")}</Button>}
      </div>
    </form>
  );
}
