/**
 * Set operations on half-open instant ranges [start, end), the algebra under availableSlots.
 * "Normalized" lists are sorted by start and disjoint with no touching neighbours; the sweeps below
 * take and return normalized lists, so each costs one linear pass.
 */

/** A half-open range of instants (epoch ms): `start` belongs to it, `end` does not. */
export interface TimeRange {
  start: number;
  end: number;
}

/** The union of any ranges as a normalized list; touching ranges join (09–12 and 12–18 is 09–18). */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      if (range.end > last.end) last.end = range.end;
    } else {
      merged.push({ start: range.start, end: range.end });
    }
  }
  return merged;
}

/**
 * The union of ranges given as parallel lists of starts and ends (each range non-empty), normalized.
 * A union depends only on the multisets of starts and ends, so each is sorted on its own: native
 * numeric sorts of typed arrays, several times faster than sorting objects with a comparator.
 */
export function unionOfBounds(starts: Float64Array, ends: Float64Array): TimeRange[] {
  starts.sort();
  ends.sort();
  const union: TimeRange[] = [];
  let open = 0;
  let from = 0;
  for (let i = 0, j = 0; j < ends.length;) {
    // A start at the instant another range ends comes first, so touching ranges join.
    if (i < starts.length && starts[i] <= ends[j]) {
      if (open++ === 0) from = starts[i];
      i++;
    } else {
      if (--open === 0) union.push({ start: from, end: ends[j] });
      j++;
    }
  }
  return union;
}

/** `base` without `cut` (both normalized). */
export function subtractRanges(base: readonly TimeRange[], cut: readonly TimeRange[]): TimeRange[] {
  const result: TimeRange[] = [];
  let j = 0;
  for (const range of base) {
    let start = range.start;
    while (j < cut.length && cut[j].end <= start) j++;
    let k = j;
    while (k < cut.length && cut[k].start < range.end) {
      if (cut[k].start > start) result.push({ start, end: cut[k].start });
      start = Math.max(start, cut[k].end);
      k++;
    }
    if (start < range.end) result.push({ start, end: range.end });
  }
  return result;
}

/** The instants in both `a` and `b` (both normalized). */
export function intersectRanges(a: readonly TimeRange[], b: readonly TimeRange[]): TimeRange[] {
  const result: TimeRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start);
    const end = Math.min(a[i].end, b[j].end);
    if (start < end) result.push({ start, end });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return result;
}

/** Whether [start, end) lies wholly inside one range of a normalized list (binary search). */
export function coversRange(ranges: readonly TimeRange[], start: number, end: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (ranges[mid].start <= start) low = mid + 1;
    else high = mid - 1;
  }
  return high >= 0 && ranges[high].end >= end;
}

/** Whether two half-open ranges share an instant. */
export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.start < b.end && b.start < a.end;
}
