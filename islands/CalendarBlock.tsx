import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { IS_BROWSER } from "@/lib/fw/is_browser.ts";

/** What every block of one calendar page shares (one object, serialized once for the page). */
export interface CalendarBlockShared {
  /** The studio's address prefix ("/s/north"): the session page and the move endpoint hang off it. */
  base: string;
  zone: string;
  locale: string;
  /** Height of one hour on the grid, in rem (positions and sizes follow it). */
  remPerHour: number;
  /** Week view: left and right move a block to the neighbouring day column. */
  week: boolean;
  /** id of the element explaining the mouse and keyboard controls. */
  helpId: string;
  /** Messages; `{time}` is replaced by the time in question. */
  text: { pending: string; saving: string; saved: string; offline: string; resize: string };
}

export interface CalendarBlockProps {
  /** The element id its position rule (in the page's style) is written for. */
  id: string;
  bookingId: string;
  blockId: string;
  version: number;
  start: string;
  end: string;
  title: string;
  roomId: string;
  hold: boolean;
  /** This part of a session cut at midnight: it started the day before, or runs into the next. */
  continuesBefore?: boolean;
  continuesAfter?: boolean;
  shared: CalendarBlockShared;
  /** Server-rendered details under the time (room, client, hold). */
  children?: ComponentChildren;
}

interface Span {
  start: number;
  end: number;
}

/** A pending change, relative to the block as saved: day columns, minutes for the start, and for the end. */
interface Move {
  days: number;
  minutes: number;
  end: number;
}

/** Where a move puts the block; a move to another day also names its local day and wall time. */
interface Pending extends Span {
  move: Move;
  date?: string;
  time?: string;
}

const MINUTE = 60_000;
const STEP = 15 * MINUTE;
/** After a move the page reloads (free hours and overlaps change too); this carries what to say. */
const RELOADED = "rsm:calendar-moved";

/**
 * A session on the week or day grid that staff can move or resize: drag it (15-minute steps, and
 * to another day in the week view), drag its bottom edge, or use the arrow keys (Shift: the end)
 * then Enter. The server checks the change; a refusal puts the block back and says why beside it.
 * A saved change reloads the calendar at the same scroll position, focus on the block and the
 * change announced. A click without a drag still opens the session. A session that crosses
 * midnight shows in two columns; either part moves the whole session, and only the part holding
 * its end can change the end.
 */
export function CalendarBlock(props: CalendarBlockProps) {
  const { shared, children } = props;
  const { text, zone } = shared;
  const link = useRef<HTMLAnchorElement>(null);
  const b = { start: Date.parse(props.start), end: Date.parse(props.end) };
  const gesture = useRef<
    { resize: boolean; x: number; y: number; dragged: boolean; pending?: Pending } | null
  >(null);
  const pending = useRef<Pending | null>(null);
  const swallowClick = useRef(false);
  const [status, setStatus] = useState("");
  const [alert, setAlert] = useState<{ message: string; top: number; left: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const times = new Intl.DateTimeFormat(shared.locale, { timeStyle: "short", timeZone: zone });
  const when = new Intl.DateTimeFormat(shared.locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "numeric",
    minute: "2-digit",
    timeZone: zone,
  });
  const say = (message: string, s: Span) => message.replace("{time}", when.formatRange(s.start, s.end));

  // The move that reloaded the page: back where the user was, on the block, saying what was saved.
  useEffect(() => {
    const saved = JSON.parse(sessionStorage.getItem(RELOADED) ?? "null");
    if (saved?.block !== props.blockId) return;
    sessionStorage.removeItem(RELOADED);
    scrollTo(saved.x, saved.y);
    setStatus(saved.status);
    link.current!.focus({ preventScroll: true });
  }, []);

  /** The local day and wall-clock time of an instant in the studio's zone. */
  const wallParts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
  const wall = (at: number) => {
    const [y, m, d, h, min] = wallParts.format(at).match(/\d+/g)!;
    return { date: `${y}-${m}-${d}`, time: `${h}:${min}` };
  };
  /**
   * The instant of a local day and wall time, for the preview (the server resolves the saved one):
   * the earlier of two, and past a skipped hour with the offset before it, as the server does.
   */
  const zoned = (date: string, time: string) => {
    const asUtc = Date.parse(`${date}T${time}Z`);
    const offset = (at: number) => {
      const w = wall(at);
      return Date.parse(`${w.date}T${w.time}Z`) - Math.floor(at / MINUTE) * MINUTE;
    };
    const [before, after] = [asUtc - offset(asUtc - 720 * MINUTE), asUtc - offset(asUtc + 720 * MINUTE)];
    const fits = (at: number) => wall(at).time === time;
    return fits(before) || !fits(after) ? before : after;
  };

  /** The grid's day columns; in the day view, only the block's own. */
  const columns = (): HTMLElement[] => {
    const own = link.current!.closest<HTMLElement>("[data-day]")!;
    return shared.week ? [...own.parentElement!.querySelectorAll<HTMLElement>(":scope>[data-day]")] : [own];
  };
  const ownColumn = (cols: HTMLElement[]) => cols.indexOf(link.current!.closest<HTMLElement>("[data-day]")!);
  const dayStart = (column: HTMLElement) => Date.parse(column.dataset.day!);
  const pxPerMinute = () =>
    shared.remPerHour * parseFloat(getComputedStyle(document.documentElement).fontSize) / 60;

  /**
   * Where `move` puts the block: the start `minutes` later, then `days` later at the same wall-clock
   * time (a DST change in between does not shift it); the end keeps the length, `end` minutes longer.
   */
  const place = (move: Move): Pending => {
    const cols = columns();
    const own = ownColumn(cols);
    move.days = Math.min(Math.max(own + move.days, 0), cols.length - 1) - own;
    const start = b.start + move.minutes * MINUTE;
    const length = Math.max(b.end - b.start + move.end * MINUTE, STEP);
    if (!move.days) return { move, start, end: start + length };
    const from = wall(start);
    const date = new Date(Date.parse(from.date) + move.days * 86_400_000).toISOString().slice(0, 10);
    const moved = zoned(date, from.time);
    return { move, start: moved, end: moved + length, date, time: from.time };
  };

  /** Shows `p` where it would be (a transform and a height; CSSOM writes are allowed by the CSP). */
  const preview = (p: Pending | null) => {
    const el = link.current!;
    pending.current = p;
    el.style.transform = el.style.height = "";
    if (!p) return;
    const cols = columns();
    const here = cols[ownColumn(cols)];
    const there = cols[ownColumn(cols) + p.move.days];
    // A part that continues from the day before hangs from the end; any other from the start.
    const [was, is] = props.continuesBefore ? [b.end, p.end] : [b.start, p.start];
    const x = there.getBoundingClientRect().left - here.getBoundingClientRect().left;
    const y = ((is - dayStart(there)) - (was - dayStart(here))) / MINUTE * pxPerMinute();
    const grown = ((p.end - p.start) - (b.end - b.start)) / MINUTE * pxPerMinute();
    el.style.transform = `translate(${x}px,${y}px)`;
    if (!props.continuesAfter) el.style.height = `${Math.max(el.offsetHeight + grown, 20)}px`;
  };

  const suggest = (move: Move) => {
    const p = place(move);
    preview(p);
    setStatus(say(text.pending, p));
    return p;
  };

  const save = async (p: Pending) => {
    if (p.start === b.start && p.end === b.end) {
      preview(null);
      setStatus("");
      return;
    }
    setBusy(true);
    setStatus(say(text.saving, p));
    let message = text.offline;
    try {
      const res = await fetch(`${shared.base}/app/sessions/${props.bookingId}/move`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          blockId: props.blockId,
          version: props.version,
          notifyClient: true,
          ...(p.date
            ? { date: p.date, time: p.time, minutes: (p.end - p.start) / MINUTE }
            : { start: new Date(p.start).toISOString(), end: new Date(p.end).toISOString() }),
        }),
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        const saved = { start: Date.parse(body.block.start), end: Date.parse(body.block.end) };
        const status = say(text.saved, saved);
        sessionStorage.setItem(
          RELOADED,
          JSON.stringify({ block: body.block.id, status, x: scrollX, y: scrollY }),
        );
        location.reload();
        return;
      }
      message = body.detail ?? message;
    } catch {
      // Offline or the server unreachable: the block goes back; the message says so.
    }
    setBusy(false);
    preview(null);
    setStatus("");
    const el = link.current!;
    setAlert({ message, top: el.offsetTop + el.offsetHeight + 4, left: el.offsetLeft });
  };

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 || busy) return;
    // No text selection, and so no native drag of one, which would cancel the pointer mid-gesture.
    e.preventDefault();
    getSelection()?.removeAllRanges();
    setAlert(null);
    const resize = (e.target as HTMLElement).hasAttribute("data-resize");
    gesture.current = { resize, x: e.clientX, y: e.clientY, dragged: false };
    link.current!.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    const g = gesture.current;
    if (!g) return;
    const dx = e.clientX - g.x;
    const dy = e.clientY - g.y;
    if (!g.dragged && Math.hypot(dx, dy) < 5) return;
    g.dragged = true;
    const minutes = Math.round(dy / pxPerMinute() / 15) * 15;
    const cols = columns();
    const under = cols.findIndex((s) => {
      const r = s.getBoundingClientRect();
      return e.clientX >= r.left && e.clientX < r.right;
    });
    const days = g.resize || under < 0 ? 0 : under - ownColumn(cols);
    g.pending = suggest(g.resize ? { days: 0, minutes: 0, end: minutes } : { days, minutes, end: 0 });
  };
  const onPointerUp = () => {
    const g = gesture.current;
    gesture.current = null;
    if (!g?.dragged) return;
    swallowClick.current = true;
    if (g.pending) save(g.pending);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (busy) return;
    const current = pending.current;
    if (e.key === "Enter" && current) {
      e.preventDefault();
      save(current);
      return;
    }
    if (e.key === "Escape" && current) {
      e.preventDefault();
      preview(null);
      setStatus("");
      return;
    }
    const vertical = { ArrowUp: -15, ArrowDown: 15 }[e.key];
    const days = shared.week && !e.shiftKey ? { ArrowLeft: -1, ArrowRight: 1 }[e.key] : undefined;
    // The end is changed from the part that shows it.
    if ((vertical === undefined && days === undefined) || (e.shiftKey && props.continuesAfter)) return;
    e.preventDefault();
    setAlert(null);
    const move = { ...(current?.move ?? { days: 0, minutes: 0, end: 0 }) };
    if (days) move.days += days;
    else if (e.shiftKey) move.end += vertical!;
    else move.minutes += vertical!;
    suggest(move);
  };

  return (
    <>
      <a
        ref={link}
        id={props.id}
        href={`${shared.base}/app/sessions/${props.bookingId}`}
        draggable={false}
        aria-describedby={shared.helpId}
        aria-busy={busy || undefined}
        class={`room-${props.roomId} absolute z-10 touch-none select-none overflow-hidden rounded border-s-4 border-(--room) bg-white/95 px-1 text-xs shadow-sm focus-ring ${
          props.hold ? "border-dashed" : ""
        } ${IS_BROWSER ? "cursor-grab" : ""}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          gesture.current = null;
          preview(null);
        }}
        onClick={(e) => {
          if (swallowClick.current) e.preventDefault();
          swallowClick.current = false;
        }}
        onKeyDown={onKeyDown}
      >
        <span class="font-semibold">{props.title}</span>{" "}
        <span>{times.format(b.start)} – {times.format(b.end)}</span>
        {children}
        {!props.continuesAfter && (
          <span
            data-resize=""
            aria-hidden="true"
            title={text.resize}
            class="absolute inset-x-0 bottom-0 h-1.5 cursor-ns-resize"
          />
        )}
      </a>
      <span class="sr-only" aria-live="polite">{status}</span>
      {alert && (
        <span
          role="alert"
          class="absolute z-20 w-56 rounded border border-danger-200 bg-danger-50 p-1 text-xs text-danger-800 shadow"
          style={{ top: `${alert.top}px`, left: `${alert.left}px` }}
        >
          {alert.message}
        </span>
      )}
    </>
  );
}
