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
  shared: CalendarBlockShared;
  /** Server-rendered details under the time (room, client, hold). */
  children?: ComponentChildren;
}

interface Span {
  start: number;
  end: number;
}

interface Moved {
  bookingId: string;
  version: number;
  block: { id: string; start: string; end: string };
  blocks: { id: string; start: string; end: string }[];
}

const MINUTE = 60_000;
const STEP = 15 * MINUTE;
const MOVED_EVENT = "rsm:booking-moved";

/**
 * A session on the week or day grid that staff can move or resize: drag it (15-minute steps, and
 * to another day in the week view), drag its bottom edge, or use the arrow keys (Shift: the end)
 * then Enter. The server checks the change; a refusal puts the block back and says why beside it.
 * A click without a drag still opens the session.
 */
export function CalendarBlock(props: CalendarBlockProps) {
  const { shared, children } = props;
  const { text } = shared;
  const link = useRef<HTMLAnchorElement>(null);
  const block = useRef({
    id: props.blockId,
    version: props.version,
    start: Date.parse(props.start),
    end: Date.parse(props.end),
  });
  const gesture = useRef<
    { resize: boolean; x: number; y: number; dragged: boolean; pending?: Span } | null
  >(null);
  const pending = useRef<Span | null>(null);
  const swallowClick = useRef(false);
  const [span, setSpan] = useState<Span>({ start: block.current.start, end: block.current.end });
  const [status, setStatus] = useState("");
  const [alert, setAlert] = useState<{ message: string; top: number; left: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const times = new Intl.DateTimeFormat(shared.locale, { timeStyle: "short", timeZone: shared.zone });
  const when = new Intl.DateTimeFormat(shared.locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "numeric",
    minute: "2-digit",
    timeZone: shared.zone,
  });
  const say = (message: string, s: Span) => message.replace("{time}", when.formatRange(s.start, s.end));

  // Another block of the same session moved: its ids and version changed (a change rewrites blocks).
  useEffect(() => {
    const follow = (event: Event) => {
      const moved = (event as CustomEvent<Moved>).detail;
      if (moved.bookingId !== props.bookingId) return;
      const b = block.current;
      const same = moved.blocks.find((x) => Date.parse(x.start) === b.start && Date.parse(x.end) === b.end);
      block.current = { ...b, id: same?.id ?? b.id, version: moved.version };
    };
    document.addEventListener(MOVED_EVENT, follow);
    return () => document.removeEventListener(MOVED_EVENT, follow);
  }, []);

  /** The grid's day columns as [start instant, section]; in the day view, only the block's own. */
  const columns = (): [number, HTMLElement][] => {
    const own = link.current!.closest<HTMLElement>("[data-day]")!;
    const all = shared.week
      ? [...own.parentElement!.querySelectorAll<HTMLElement>(":scope>[data-day]")]
      : [own];
    return all.map((s) => [Date.parse(s.dataset.day!), s]);
  };
  const columnOf = (cols: [number, HTMLElement][], at: number) =>
    Math.max(0, cols.findLastIndex(([start]) => start <= at));
  const pxPerMinute = () =>
    shared.remPerHour * parseFloat(getComputedStyle(document.documentElement).fontSize) / 60;

  /** Shows `s` where it would be (a transform and a height; CSSOM writes are allowed by the CSP). */
  const preview = (s: Span | null) => {
    const el = link.current!;
    pending.current = s;
    if (!s) {
      el.style.transform = el.style.height = "";
      return;
    }
    const cols = columns();
    const from = columnOf(cols, block.current.start);
    const to = columnOf(cols, s.start);
    const x = cols[to][1].getBoundingClientRect().left - cols[from][1].getBoundingClientRect().left;
    const y = ((s.start - cols[to][0]) - (block.current.start - cols[from][0])) / MINUTE * pxPerMinute();
    el.style.transform = `translate(${x}px,${y}px)`;
    el.style.height = `${Math.max((s.end - s.start) / 3_600_000 * shared.remPerHour, 1.25)}rem`;
  };

  /** The block's span moved by `minutes` (or its end, resizing) and by `days` day columns. */
  const shifted = (from: Span, minutes: number, resize: boolean, days = 0): Span => {
    const delta = Math.round(minutes * MINUTE / STEP) * STEP;
    if (resize) return { start: from.start, end: Math.max(from.end + delta, from.start + STEP) };
    const cols = columns();
    const here = columnOf(cols, from.start);
    const there = cols[Math.min(Math.max(here + days, 0), cols.length - 1)];
    const shift = delta + there[0] - cols[here][0];
    return { start: from.start + shift, end: from.end + shift };
  };

  const save = async (s: Span) => {
    const b = block.current;
    if (s.start === b.start && s.end === b.end) {
      preview(null);
      setStatus("");
      return;
    }
    setBusy(true);
    setStatus(say(text.saving, s));
    let message = text.offline;
    try {
      const res = await fetch(`${shared.base}/app/sessions/${props.bookingId}/move`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          blockId: b.id,
          start: new Date(s.start).toISOString(),
          end: new Date(s.end).toISOString(),
          version: b.version,
          notifyClient: true,
        }),
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        commit(body as Moved, s);
        return;
      }
      message = body.detail ?? message;
    } catch {
      // Offline or the server unreachable: the block goes back; the message says so.
    } finally {
      setBusy(false);
    }
    preview(null);
    setStatus("");
    const el = link.current!;
    setAlert({ message, top: el.offsetTop + el.offsetHeight + 4, left: el.offsetLeft });
  };

  /** Keeps the block where it was dropped: in its new day column, at its new top and height. */
  const commit = (moved: Moved, s: Span) => {
    const el = link.current!;
    const cols = columns();
    const [dayStart, section] = cols[columnOf(cols, s.start)];
    section.querySelector(":scope>div")!.append(el.parentElement!);
    block.current = { id: moved.block.id, version: moved.version, start: s.start, end: s.end };
    preview(null);
    el.style.top = `${(s.start - dayStart) / 3_600_000 * shared.remPerHour}rem`;
    el.style.height = `${Math.max((s.end - s.start) / 3_600_000 * shared.remPerHour, 1.25)}rem`;
    setSpan(s);
    setStatus(say(text.saved, s));
    document.dispatchEvent(new CustomEvent(MOVED_EVENT, { detail: moved }));
    el.focus();
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
    let days = 0;
    if (!g.resize && shared.week) {
      const cols = columns();
      const under = cols.findIndex(([, s]) => {
        const r = s.getBoundingClientRect();
        return e.clientX >= r.left && e.clientX < r.right;
      });
      if (under >= 0) days = under - columnOf(cols, block.current.start);
    }
    g.pending = shifted(block.current, dy / pxPerMinute(), g.resize, days);
    preview(g.pending);
    setStatus(say(text.pending, g.pending));
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
    if (vertical === undefined && days === undefined) return;
    e.preventDefault();
    setAlert(null);
    const next = shifted(current ?? block.current, vertical ?? 0, e.shiftKey, days ?? 0);
    preview(next);
    setStatus(say(text.pending, next));
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
        <span>{times.format(span.start)} – {times.format(span.end)}</span>
        {children}
        <span
          data-resize=""
          aria-hidden="true"
          title={text.resize}
          class="absolute inset-x-0 bottom-0 h-1.5 cursor-ns-resize"
        />
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
