import type { Access } from "@/lib/auth/access.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "@/lib/errors.ts";
import type { MessageId } from "@/lib/i18n/mod.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { problemResponse } from "@/lib/http/problem.ts";
import { notifyBooking } from "@/lib/notifications/booking_notices.ts";
import { NOTIFY_FIELD, notifyFromForm } from "@/lib/notifications/staff_notices.ts";
import { moveBlock } from "@/lib/scheduling/block_move.ts";
import { getBooking } from "@/lib/scheduling/booking_reads.ts";
import { localParts } from "@/lib/scheduling/local_time.ts";
import { canSeeBooking, staffViewer } from "@/lib/scheduling/session_access.ts";

export const access: Access = { permission: "sessions.manage" };

/** Problem titles, as the API's error handler words them. */
const TITLES: Record<number, MessageId> = {
  403: "error.forbidden.title",
  404: "error.not_found.title",
  409: "error.conflict.title",
  422: "error.validation.title",
};

/**
 * Moves or resizes one block of a session: `blockId`, `start`, `end` (ISO instants), `version`, and
 * `notifyClient` to e-mail the client the change. A move to another day sends `date`, `time` (local
 * wall clock in the studio's zone) and `minutes` instead of `start` and `end`, so it keeps its time
 * of day across a DST change. The calendar's script sends JSON and gets JSON
 * back (200 with the block at its new time; RFC 9457 problems: 409 naming the conflict as the edit
 * page does, 422, 403, 404). A plain form post (no script) is redirected back to the calendar
 * (`back`, a calendar address) with a notice.
 */
export const handler = define.handlers({
  async POST(ctx) {
    const json = /^application\/json\b/i.test(ctx.req.headers.get("content-type") ?? "");
    let back: FormDataEntryValue | null = null;
    try {
      requirePermission(ctx.state.staff!.role, "sessions.manage");
      const form = json ? await readJsonAsForm(ctx.req) : await readForm(ctx.req);
      back = form.get("back");
      return await move(ctx, form, json);
    } catch (err) {
      if (json && err instanceof DomainError) {
        return problemResponse({
          type: `/problems/${err.type}`,
          title: ctx.state.t(TITLES[err.status] ?? "error.conflict.title"),
          status: err.status,
          detail: err.message,
          ...err.extensions(),
        });
      }
      if (!json && (err instanceof ConflictError || err instanceof ValidationError)) {
        const why = err instanceof ConflictError ? "conflict" : "invalid";
        return ctx.redirect(withNotice(backTo(ctx, back), { not_moved: ctx.params.id, why }));
      }
      throw err;
    }
  },
});

async function move(ctx: Ctx<unknown>, form: FormData, json: boolean): Promise<Response> {
  const studio = ctx.state.studio!;
  const booking = await getBooking(studio.db, ctx.params.id);
  if (!booking || !await canSeeBooking(studio.db, staffViewer(ctx.state.staff!), booking)) {
    throw new NotFoundError("No such session.");
  }
  const field = (name: string) => String(form.get(name) ?? "");
  const moved = await moveBlock(
    studio.db,
    booking,
    form.has("date")
      ? {
        blockId: field("blockId"),
        date: field("date"),
        time: field("time"),
        minutes: field("minutes"),
        version: field("version"),
      }
      : { blockId: field("blockId"), start: field("start"), end: field("end"), version: field("version") },
    actingAs(ctx),
    { timeZone: studio.tenant.timezone },
  );
  await notifyFromForm(
    ctx,
    form,
    (mailer) => notifyBooking(mailer, studio.db, booking.id, "changed", { previous: booking }),
  );
  if (!json) {
    return ctx.redirect(withNotice(backTo(ctx, form.get("back"), moved.block.start), { moved: booking.id }));
  }
  return Response.json({
    bookingId: booking.id,
    version: moved.booking.version,
    block: moved.block,
    blocks: moved.booking.blocks,
  });
}

/** The script's JSON body as form fields, so both kinds of request are read alike. */
async function readJsonAsForm(req: Request): Promise<FormData> {
  const body = await req.json().catch(() => null);
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new ValidationError({ form: "Send the move as a JSON object." });
  }
  const form = new FormData();
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === NOTIFY_FIELD) {
      if (value === true) form.set(name, "on");
    } else if (typeof value === "string" || typeof value === "number") form.set(name, String(value));
  }
  return form;
}

/** Where a form post goes back to: the calendar page it came from, never another site or page. */
function backTo(ctx: Ctx<unknown>, back: FormDataEntryValue | null, shown?: Date): string {
  const studio = ctx.state.studio!;
  const calendar = `${studio.base}/app/calendar`;
  if (typeof back === "string" && (back === calendar || back.startsWith(`${calendar}?`))) return back;
  return shown ? `${calendar}?date=${localParts(shown, studio.tenant.timezone).date}` : calendar;
}

function withNotice(path: string, notice: Record<string, string>): string {
  const [pathname, search = ""] = path.split("?", 2);
  const query = new URLSearchParams(search);
  for (const key of ["moved", "not_moved", "why"]) query.delete(key);
  for (const [key, value] of Object.entries(notice)) query.set(key, value);
  return `${pathname}?${query}`;
}
