/**
 * The POST of an invoice's or a credit note's page: `intent=delete` deletes the draft, anything else
 * issues it, both at the `version` the page was shown at. A refusal (a stale version, a draft that
 * cannot be issued as it stands) renders the page again with its message.
 *
 * ```ts
 * return await postDraftAction(ctx, form, {
 *   list: "/app/credit-notes",
 *   issue: (version) => issueCreditNote(db, id, version, actingAs(ctx)),
 *   refused: async (error, status) => ctx.render(await load(ctx, error), { status }),
 * });
 * ```
 */
import { ConflictError, ValidationError } from "../errors.ts";
import { actingAs } from "../http/acting_as.ts";
import type { Ctx } from "../http/define.ts";
import { deleteDraft } from "./documents.ts";

export interface DraftActionOptions {
  /** The documents' list below the studio's base; the document's page is `<list>/<id>`. */
  list: string;
  /** Issues the draft; called after nothing else, so a mail can follow the committed write. */
  issue(version: number): Promise<unknown>;
  /** Renders the page again with why the action was refused. */
  refused(error: string, status: 409 | 422): Promise<Response>;
}

/** Runs the posted intent on the page's draft; see the module comment. */
export async function postDraftAction<Data>(
  ctx: Ctx<Data>,
  form: FormData,
  options: DraftActionOptions,
): Promise<Response> {
  const studio = ctx.state.studio!;
  const version = Number(form.get("version"));
  const id = ctx.params.id;
  try {
    if (form.get("intent") === "delete") {
      await deleteDraft(studio.db, id, version, actingAs(ctx));
      return ctx.redirect(`${studio.base}${options.list}?saved=deleted`);
    }
    await options.issue(version);
    return ctx.redirect(`${studio.base}${options.list}/${id}?saved=issued`);
  } catch (err) {
    if (err instanceof ConflictError) return await options.refused(err.message, 409);
    if (err instanceof ValidationError) {
      return await options.refused(Object.values(err.fields).join(" "), 422);
    }
    throw err;
  }
}
