import { startOfZonedDay } from "../i18n/zoned.ts";
import type { AuditFilter } from "./audit.ts";

/** The filter form's fields as typed, for redisplay. */
export interface AuditQuery {
  action: string;
  actor: string;
  entity: string;
  /** YYYY-MM-DD in the studio's time zone; `to` is inclusive. */
  from: string;
  to: string;
}

/** The calendar day after YYYY-MM-DD. */
function nextDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Reads the audit page's query string; dates are whole days on the studio's clocks. */
export function auditQuery(
  params: URLSearchParams,
  timeZone: string,
): { query: AuditQuery; filter: AuditFilter } {
  const text = (name: string) => (params.get(name) ?? "").trim().slice(0, 200);
  const query: AuditQuery = {
    action: text("action"),
    actor: text("actor"),
    entity: text("entity"),
    from: text("from"),
    to: text("to"),
  };
  const from = startOfZonedDay(query.from, timeZone);
  // `to` is inclusive: the filter ends when the next day begins on the studio's clocks.
  const to = startOfZonedDay(query.to, timeZone) && startOfZonedDay(nextDate(query.to), timeZone);
  const beforeId = Number(params.get("before"));
  return {
    query,
    filter: {
      action: query.action || undefined,
      actorId: query.actor || undefined,
      entityType: query.entity || undefined,
      from: from?.toISOString(),
      to: to?.toISOString(),
      beforeId: Number.isSafeInteger(beforeId) && beforeId > 0 ? beforeId : undefined,
    },
  };
}
