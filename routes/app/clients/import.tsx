import type { Access } from "@/lib/auth/access.ts";
import { decodeBase64, encodeBase64 } from "@oslojs/encoding";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { Field, wireField } from "@/components/Field.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Table } from "@/components/Table.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ClientInputError } from "@/lib/clients/client_input.ts";
import {
  IMPORT_HEADERS,
  importClients,
  type ImportPreview,
  type ImportRow,
  MAX_IMPORT_ROWS,
  prepareImport,
  type RowProblem,
} from "@/lib/clients/csv_import.ts";
import { decodeCsvBytes } from "@/lib/clients/csv_parse.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { ValidationError } from "@/lib/errors.ts";
import type { Translator } from "@/lib/i18n/mod.ts";

export const access: Access = { permission: "clients.manage" };

/** Larger files go in several imports: 2 MB holds far more than MAX_IMPORT_ROWS ordinary rows. */
const MAX_BYTES = 2 * 1024 * 1024;
/** Ready rows the preview lists; rows with problems or warnings are always all listed. */
const READY_SHOWN = 50;

interface Data {
  /** The file's message beside the file field (upload), or above the preview (a refused confirm). */
  fileError?: string;
  preview?: ImportPreview;
  /** The previewed file, base64, posted back by the confirm form so exactly it is imported. */
  csv?: string;
}

const utf8 = new TextEncoder();

async function showPreview(ctx: Ctx<Data>, text: string, fileError?: string) {
  const preview = await prepareImport(ctx.state.studio!.db, text);
  if (preview.fileProblems.length) {
    const { t } = ctx.state;
    return ctx.render({ fileError: preview.fileProblems.map((p) => t(p.id, p.params)).join(" ") }, {
      status: 422,
    });
  }
  return ctx.render({ preview, csv: encodeBase64(utf8.encode(text)), fileError }, {
    status: fileError ? 422 : 200,
  });
}

/**
 * CSV import: upload, a preview of every row with its problems, then a confirm that imports the
 * same file in one transaction (lib/clients/csv_import.ts has the rule for rows with problems).
 */
export const handler = define.handlers<Data>({
  GET(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.manage");
    return ctx.render({});
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "clients.manage");
    const { t } = ctx.state;
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    if (form.get("intent") === "confirm") {
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(decodeBase64(String(form.get("csv") ?? "")));
      } catch {
        throw new ValidationError({ csv: "The previewed file did not come back intact: upload it again." });
      }
      try {
        const { imported, skipped } = await importClients(
          studio.db,
          text,
          { skipInvalid: form.get("skipInvalid") === "1" },
          actingAs(ctx),
        );
        return ctx.redirect(`${studio.base}/app/clients?imported=${imported}&skipped=${skipped}`);
      } catch (err) {
        if (!(err instanceof ClientInputError) || !err.problems.file) throw err;
        return await showPreview(ctx, text, t(err.problems.file.id, err.problems.file.params));
      }
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      return ctx.render({ fileError: t("clients.import.error.no_file") }, { status: 422 });
    }
    if (file.size > MAX_BYTES) {
      return ctx.render({ fileError: t("clients.import.error.too_large", { size: 2 }) }, { status: 422 });
    }
    const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    if (!decoded) return ctx.render({ fileError: t("clients.import.error.encoding") }, { status: 422 });
    return await showPreview(ctx, decoded.text);
  },
});

function problemText(p: RowProblem, t: Translator["t"]): string {
  const message = t(p.id, p.params);
  return p.column ? t("clients.import.problem_in", { column: p.column, message }) : message;
}

function PreviewTable({ rows, t }: { rows: ImportRow[]; t: Translator["t"] }) {
  return (
    <Table
      caption={t("clients.import.preview")}
      hideCaption
      rows={rows}
      empty=""
      columns={[
        { key: "row", header: t("clients.import.row"), align: "end" },
        { key: "name", header: t("clients.list.name"), rowHeader: true, wrap: true },
        {
          key: "state",
          header: t("clients.import.state"),
          render: (row) =>
            row.problems.length
              ? <Badge tone="danger">{t("clients.import.rejected_badge")}</Badge>
              : row.warnings.length
              ? <Badge tone="warning">{t("clients.import.warning_badge")}</Badge>
              : <Badge tone="success">{t("clients.import.ok")}</Badge>,
        },
        {
          key: "problems",
          header: t("clients.import.problems"),
          wrap: true,
          render: (row) => (
            <ul class="space-y-0.5">
              {[...row.problems, ...row.warnings].map((p, i) => <li key={i}>{problemText(p, t)}</li>)}
            </ul>
          ),
        },
      ]}
    />
  );
}

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const base = `${state.studio!.base}/app/clients`;
  const { preview } = data;
  if (!preview) {
    const wiring = wireField(
      "file",
      undefined,
      t("clients.import.file_hint", { rows: MAX_IMPORT_ROWS }),
      data.fileError,
    );
    return (
      <>
        <PageHeader title={t("clients.import.title")} description={t("clients.import.intro")} class="mb-6" />
        <Card>
          <form method="post" enctype="multipart/form-data" class="flex max-w-xl flex-col gap-4">
            <input type="hidden" name="intent" value="preview" />
            <Field
              wiring={wiring}
              label={t("clients.import.file")}
              hint={t("clients.import.file_hint", { rows: MAX_IMPORT_ROWS })}
              error={data.fileError}
              required
            >
              <input
                {...wiring.control}
                type="file"
                name="file"
                accept=".csv,.txt,text/csv"
                required
                class="text-sm file:me-3 file:rounded-md file:border file:border-line-strong file:bg-surface file:px-3 file:py-1.5 file:text-sm file:font-medium"
              />
            </Field>
            <p class="text-sm text-ink-muted">
              {t("clients.import.columns", { columns: IMPORT_HEADERS.join(", ") })}
            </p>
            <div class="flex gap-3">
              <Button type="submit">{t("clients.import.preview")}</Button>
              <Button href={base} variant="ghost">{t("common.cancel")}</Button>
            </div>
          </form>
        </Card>
      </>
    );
  }
  const attention = preview.rows.filter((r) => r.problems.length || r.warnings.length);
  const ready = preview.rows.filter((r) => !r.problems.length && !r.warnings.length);
  const shown = [...attention, ...ready.slice(0, READY_SHOWN)].sort((a, b) => a.row - b.row);
  return (
    <>
      <PageHeader title={t("clients.import.title")} description={t("clients.import.intro")} class="mb-6" />
      {data.fileError && (
        <p
          role="alert"
          class="mb-6 rounded-lg border-2 border-danger-700 bg-danger-50 p-4 text-sm font-medium text-danger-800"
        >
          {data.fileError}
        </p>
      )}
      <Card title={t("clients.import.preview")} class="mb-6">
        <p class="text-sm">{t("clients.import.ready", { count: preview.ready })}</p>
        {preview.rejected > 0 && (
          <p class="text-sm font-medium text-danger-700">
            {t("clients.import.rejected", { count: preview.rejected })}
          </p>
        )}
        {preview.ignoredColumns.length > 0 && (
          <p class="mt-2 text-sm text-ink-muted">
            {t("clients.import.ignored_columns", { columns: preview.ignoredColumns.join(", ") })}
          </p>
        )}
        <form method="post" enctype="multipart/form-data" class="mt-4 flex flex-col gap-3">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="csv" value={data.csv} />
          {preview.rejected > 0 && (
            <>
              <p class="text-sm">{t("clients.import.must_fix")}</p>
              {preview.ready > 0 && (
                <label class="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="skipInvalid" value="1" class="mt-0.5 size-4" />
                  <span>{t("clients.import.skip_invalid")}</span>
                </label>
              )}
            </>
          )}
          <div class="flex flex-wrap gap-3">
            {preview.ready > 0 && (
              <Button type="submit">{t("clients.import.confirm", { count: preview.ready })}</Button>
            )}
            <Button href={`${base}/import`} variant="secondary">{t("clients.import.another")}</Button>
          </div>
        </form>
      </Card>
      <PreviewTable rows={shown} t={t} />
      {ready.length > READY_SHOWN && (
        <p class="mt-3 text-sm text-ink-muted">
          {t("clients.import.more_ready", { count: ready.length - READY_SHOWN })}
        </p>
      )}
    </>
  );
});
