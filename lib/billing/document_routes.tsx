import { DocumentEditor, type EditorData } from "../../components/DocumentEditor.tsx";
import { type Permission, requirePermission } from "../auth/permissions.ts";
import { actingAs } from "../http/acting_as.ts";
import { define } from "../http/define.ts";
import { readForm } from "../http/form.ts";
import type { MessageId } from "../i18n/mod.ts";
import type { DocumentKind } from "../../db/schema/mod.ts";
import { editorChoices, editorTotals, formCurrency, submitEditor } from "./document_editor.ts";
import { documentValues } from "./document_form.ts";
import { type BillingDocument, getDocument } from "./documents.ts";

export interface NewDocumentRoute {
  kind: "invoice" | "quote";
  permission: Permission;
  /** "/app/invoices": the list, and the new draft's page under it. */
  section: string;
  title: MessageId;
  intro: MessageId;
}

/**
 * The handler and page of a "new draft" route (new invoice, new quote): the editor, empty but for the
 * studio's default taxes and the client named in `?client=`; a valid post creates the draft and opens it.
 */
export function newDocumentRoute(route: NewDocumentRoute) {
  const handler = define.handlers<EditorData>({
    async GET(ctx) {
      requirePermission(ctx.state.staff!.role, route.permission);
      const choices = await editorChoices(ctx.state.studio!.db);
      const values = documentValues(null, {
        locale: ctx.state.locale,
        defaultTaxRateIds: choices.settings.defaultTaxRateIds,
      });
      values.clientId = ctx.url.searchParams.get("client") ?? "";
      return ctx.render({
        values,
        errors: {},
        choices,
        currency: formCurrency(values, choices),
        totals: null,
      });
    },
    async POST(ctx) {
      requirePermission(ctx.state.staff!.role, route.permission);
      const studio = ctx.state.studio!;
      const choices = await editorChoices(studio.db);
      const outcome = await submitEditor(studio.db, await readForm(ctx.req), {
        kind: route.kind,
        choices,
        locale: ctx.state.locale,
        t: ctx.state.t,
        acting: actingAs(ctx),
      });
      if ("saved" in outcome) {
        return ctx.redirect(`${studio.base}${route.section}/${outcome.saved.id}?saved=created`);
      }
      const { values, errors, status } = outcome;
      return ctx.render({
        values,
        errors,
        choices,
        currency: formCurrency(values, choices),
        totals: editorTotals(values, choices, ctx.state.locale),
      }, { status });
    },
  });

  const page = define.page<typeof handler>(({ data, state }) => (
    <DocumentEditor
      kind={route.kind}
      title={state.t(route.title)}
      intro={state.t(route.intro)}
      data={data}
      submitLabel={state.t("billing.form.create")}
      cancelHref={`${state.studio!.base}${route.section}`}
      t={state.t}
      locale={state.locale}
    />
  ));
  return { handler, page };
}

/** What an edit page renders: the draft in the editor, or the document itself once it is final. */
export type EditDocumentData =
  & { doc: BillingDocument }
  & ({ locked: true } | ({ locked: false } & EditorData));

/**
 * The handler of an "edit draft" route (invoice, quote): the editor filled with the draft; a valid post
 * saves it and opens it. A document no longer a draft answers 409 with `locked`, for the page to explain.
 */
export function editDocumentHandler(
  route: Pick<NewDocumentRoute, "kind" | "permission" | "section"> & { kinds: DocumentKind[] },
) {
  return define.handlers<EditDocumentData>({
    async GET(ctx) {
      requirePermission(ctx.state.staff!.role, route.permission);
      const db = ctx.state.studio!.db;
      const doc = await getDocument(db, ctx.params.id, route.kinds);
      if (doc.status !== "draft") return ctx.render({ doc, locked: true }, { status: 409 });
      const choices = await editorChoices(db);
      const values = documentValues(doc, {
        locale: ctx.state.locale,
        defaultTaxRateIds: choices.settings.defaultTaxRateIds,
      });
      return ctx.render({
        doc,
        locked: false,
        values,
        errors: {},
        choices,
        currency: doc.currency,
        totals: editorTotals(values, choices, ctx.state.locale),
        version: doc.version,
      });
    },
    async POST(ctx) {
      requirePermission(ctx.state.staff!.role, route.permission);
      const studio = ctx.state.studio!;
      const doc = await getDocument(studio.db, ctx.params.id, route.kinds);
      if (doc.status !== "draft") return ctx.render({ doc, locked: true }, { status: 409 });
      const form = await readForm(ctx.req);
      const choices = await editorChoices(studio.db);
      const outcome = await submitEditor(studio.db, form, {
        kind: route.kind,
        id: doc.id,
        choices,
        locale: ctx.state.locale,
        t: ctx.state.t,
        acting: actingAs(ctx),
      });
      if ("saved" in outcome) return ctx.redirect(`${studio.base}${route.section}/${doc.id}?saved=saved`);
      const { values, errors, status } = outcome;
      return ctx.render({
        doc,
        locked: false,
        values,
        errors,
        choices,
        currency: formCurrency(values, choices),
        totals: editorTotals(values, choices, ctx.state.locale),
        version: Number(form.get("version")) || doc.version,
      }, { status });
    },
  });
}
