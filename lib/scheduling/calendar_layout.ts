import { addDays, zonedInstant } from "./local_time.ts";

/** A block placed in one day column: offsets in minutes from that local midnight, and a lane for overlaps. */
export interface PlacedBlock<T> {
  item: T;
  /** Minutes from the column's local midnight, clipped to the day. */
  top: number;
  height: number;
  /** 0-based lane among the blocks it overlaps, and how many lanes that cluster has. */
  lane: number;
  lanes: number;
  /** The block started the day before, or runs into the next. */
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export interface DayColumn<T> {
  /** "YYYY-MM-DD" in the studio's zone. */
  date: string;
  start: Date;
  end: Date;
  /** Length of the local day in minutes: 1380 or 1500 on DST days. */
  minutes: number;
  blocks: PlacedBlock<T>[];
}

/**
 * Lays blocks out in local-day columns: each block is cut at local midnights (a night session shows
 * in both days), and blocks that overlap in one column share its width in lanes. Days are real local
 * days, so DST days are 23 or 25 hours long and nothing is shifted.
 */
export function layoutDays<T extends { start: Date; end: Date }>(
  firstDate: string,
  days: number,
  zone: string,
  items: T[],
): DayColumn<T>[] {
  const columns: DayColumn<T>[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(firstDate, d);
    const start = zonedInstant(date, "00:00", zone)!;
    const end = zonedInstant(addDays(date, 1), "00:00", zone)!;
    const minutes = (end.getTime() - start.getTime()) / 60_000;
    const inDay = items.filter((i) => i.start < end && i.end > start)
      .sort((a, b) => a.start.getTime() - b.start.getTime() || b.end.getTime() - a.end.getTime());
    columns.push({ date, start, end, minutes, blocks: placeLanes(inDay, start, end) });
  }
  return columns;
}

function placeLanes<T extends { start: Date; end: Date }>(
  items: T[],
  dayStart: Date,
  dayEnd: Date,
): PlacedBlock<T>[] {
  const placed: PlacedBlock<T>[] = [];
  let cluster: PlacedBlock<T>[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -Infinity;
  const closeCluster = () => {
    for (const p of cluster) p.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const item of items) {
    const from = Math.max(item.start.getTime(), dayStart.getTime());
    const until = Math.min(item.end.getTime(), dayEnd.getTime());
    if (from >= clusterEnd) closeCluster();
    let lane = laneEnds.findIndex((end) => end <= from);
    if (lane === -1) lane = laneEnds.push(until) - 1;
    else laneEnds[lane] = until;
    clusterEnd = Math.max(clusterEnd, until);
    const block: PlacedBlock<T> = {
      item,
      top: (from - dayStart.getTime()) / 60_000,
      height: (until - from) / 60_000,
      lane,
      lanes: 1,
      continuesBefore: item.start < dayStart,
      continuesAfter: item.end > dayEnd,
    };
    cluster.push(block);
    placed.push(block);
  }
  closeCluster();
  return placed;
}
