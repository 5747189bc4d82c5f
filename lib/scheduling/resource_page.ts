/**
 * The forms a room's, an engineer's or a gear item's page posts, each naming an `intent`, and how a
 * refused one comes back. The page supplies its module's writes; this runs the one asked for,
 * redirects with `?saved=`, or renders the page again with the problems beside their fields.
 *
 * ```ts
 * return await postResourceForm(ctx, form, {
 *   path: `/app/rooms/${id}`,
 *   list: "/app/rooms",
 *   saved: { save: "room", addSpan: "closure", removeSpan: "closure_removed" },
 *   writes: { save: () => updateRoom(db, id, roomFromForm(form, where), acting), remove: … },
 *   refused: async (shown, status) => ctx.render(await pageData(ctx, await getRoom(db, id), shown), { status }),
 * });
 * ```
 */
import { ValidationError } from "../errors.ts";
import type { Ctx } from "../http/define.ts";
import { spanInstants } from "./local_span.ts";
import { type FormValues, spanErrors, spanFromForm, submittedValues } from "./resource_forms.ts";
import { errorMessage, fieldMessages, ResourceConflictError } from "./resource_validation.ts";

/** A span the page adds (a room's closure, an engineer's time off), as instants in the studio's zone. */
export interface SpanToAdd {
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

/** The writes behind a page's intents; one a page does not offer is refused as an unknown action. */
export interface ResourceWrites {
  save(): Promise<unknown>;
  remove(): Promise<unknown>;
  setActive?(active: boolean): Promise<unknown>;
  addSpan?(span: SpanToAdd): Promise<unknown>;
  removeSpan?(spanId: string): Promise<unknown>;
}

/** The span form that was sent and refused, to show again with its errors. */
export interface RefusedSpan {
  kind: "days" | "times";
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** What a page shows again after a refused form: what was typed, the problems, or why it was refused. */
export interface RefusedForm {
  values?: FormValues;
  errors?: Record<string, string>;
  span?: RefusedSpan;
  /** A refused action's message (a record that sessions use cannot be deleted; a stale save). */
  refusal?: string;
}

export interface ResourceFormOptions {
  /** The record's page below the studio's base, e.g. `/app/rooms/room_1`. */
  path: string;
  /** Its list, where a deletion lands with `?deleted=1`. */
  list: string;
  /** The `?saved=` word after each write that stays on the page. */
  saved: { save: string; addSpan?: string; removeSpan?: string };
  writes: ResourceWrites;
  /** Renders the page again (reloading the record) with what the refused form leaves on it. */
  refused(shown: RefusedForm, status: 409 | 422): Promise<Response>;
}

/** Runs the form's `intent` (save when absent); see the module comment. */
export async function postResourceForm<Data>(
  ctx: Ctx<Data>,
  form: FormData,
  options: ResourceFormOptions,
): Promise<Response> {
  const studio = ctx.state.studio!;
  const { writes, saved } = options;
  const intent = String(form.get("intent") ?? "save");
  const done = (word: string) => ctx.redirect(`${studio.base}${options.path}?saved=${word}`);
  try {
    if (intent === "save") {
      await writes.save();
      return done(saved.save);
    }
    if (intent === "delete") {
      await writes.remove();
      return ctx.redirect(`${studio.base}${options.list}?deleted=1`);
    }
    if ((intent === "deactivate" || intent === "reactivate") && writes.setActive) {
      await writes.setActive(intent === "reactivate");
      return done(`${intent}d`);
    }
    if (intent === "add-span" && writes.addSpan && saved.addSpan) {
      const { startsAt, endsAt } = spanInstants(spanFromForm(form), studio.tenant.timezone);
      await writes.addSpan({ startsAt, endsAt, reason: String(form.get("reason") ?? "") });
      return done(saved.addSpan);
    }
    if (intent === "remove-span" && writes.removeSpan && saved.removeSpan) {
      await writes.removeSpan(String(form.get("spanId") ?? ""));
      return done(saved.removeSpan);
    }
    throw new ValidationError({ intent: "Unknown action." });
  } catch (err) {
    if (err instanceof ValidationError) {
      const errors = fieldMessages(err, ctx.state.t);
      if (intent === "add-span" && writes.addSpan) {
        const kind = spanFromForm(form).kind;
        return await options.refused(
          { span: { kind, values: submittedValues(form), errors: spanErrors(kind, errors) } },
          422,
        );
      }
      return await options.refused({ values: submittedValues(form), errors }, 422);
    }
    if (err instanceof ResourceConflictError) {
      // A stale save keeps what was typed; the form now carries the newer updatedAt.
      const typed = intent === "save" ? { values: submittedValues(form) } : {};
      return await options.refused({ ...typed, refusal: errorMessage(err, ctx.state.t) }, 409);
    }
    throw err;
  }
}
