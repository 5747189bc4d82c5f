import type { ComponentChildren } from "preact";
import { cx } from "./cx.ts";

export type TableAlign = "start" | "center" | "end";

interface ColumnLook {
  header: ComponentChildren;
  /** "start" unless given; "end" for amounts and durations (also switches to tabular figures). */
  align?: TableAlign;
  /** Renders this column's cells as `<th scope="row">`, e.g. the client name in a list of clients. */
  rowHeader?: boolean;
  /**
   * Lets long text (notes, descriptions) wrap. Other cells stay on one line, so a narrow screen
   * scrolls the table sideways instead of squeezing every cell into a tall column.
   */
  wrap?: boolean;
}

/**
 * A column shows `row[key]` as text, or whatever `render(row)` returns (formatted money, a link, a
 * Badge). A key that is not a field of the row needs a `render`.
 */
export type TableColumn<Row> =
  & ColumnLook
  & (
    | { key: Extract<keyof Row, string>; render?: (row: Row) => ComponentChildren }
    | { key: string; render: (row: Row) => ComponentChildren }
  );

export interface TableProps<Row> {
  columns: TableColumn<Row>[];
  rows: Row[];
  /** Names the table (and its scroll region) for screen readers. */
  caption: string;
  /** Keeps the caption for screen readers only, when a heading above already says it. */
  hideCaption?: boolean;
  /** Shown across the table when there are no rows, e.g. t("No sessions yet") or an EmptyState. */
  empty: ComponentChildren;
  /** Layout classes for the scroll wrapper. */
  class?: string;
}

const ALIGN: Record<TableAlign, string> = {
  start: "text-start",
  center: "text-center",
  end: "text-end tabular-nums",
};

function cellContent<Row>(column: TableColumn<Row>, row: Row): ComponentChildren {
  if (column.render) return column.render(row);
  const value = (row as Record<string, unknown>)[column.key];
  return value === null || value === undefined ? "" : String(value);
}

/**
 * A data table that scrolls sideways inside its own box on narrow screens instead of widening the
 * page. The box is focusable so keyboard users can scroll it too.
 */
export function Table<Row>(
  { columns, rows, caption, hideCaption, empty, class: className }: TableProps<Row>,
) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabindex={0}
      class={cx("overflow-x-auto rounded-lg border border-line bg-surface focus-ring", className)}
    >
      <table class="min-w-full text-sm">
        <caption
          class={hideCaption
            ? "sr-only"
            : "border-b border-line px-4 py-3 text-start text-base font-semibold text-ink"}
        >
          {caption}
        </caption>
        <thead class="bg-canvas">
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                class={cx(
                  "border-b border-line px-4 py-3 font-medium whitespace-nowrap text-ink-muted",
                  ALIGN[column.align ?? "start"],
                )}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="divide-y divide-line">
          {rows.length === 0
            ? (
              <tr>
                <td colspan={columns.length} class="px-4 py-8 text-center text-ink-muted">{empty}</td>
              </tr>
            )
            : rows.map((row, index) => (
              <tr key={index}>
                {columns.map((column) => {
                  const classes = cx(
                    "px-4 py-3 text-ink",
                    ALIGN[column.align ?? "start"],
                    !column.wrap && "whitespace-nowrap",
                  );
                  return column.rowHeader
                    ? (
                      <th key={column.key} scope="row" class={cx(classes, "font-medium")}>
                        {cellContent(column, row)}
                      </th>
                    )
                    : <td key={column.key} class={classes}>{cellContent(column, row)}</td>;
                })}
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
