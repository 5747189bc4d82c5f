import { compare, floor, type Ratio, ratio, sub } from "./currency_decimal.ts";

/**
 * Rounds exact shares to whole minor units that add up to `total` exactly (the largest-remainder
 * method): every share is rounded down, then the units still missing go one each to the shares with
 * the largest fractional parts, ties to the earlier share. So each result is the floor or the ceiling
 * of its exact share, and no unit is created or lost.
 *
 * `total` must lie between the sum of the floors and that sum plus the number of shares that are not
 * whole, which holds whenever it is the floor or the ceiling of the exact sum (a RangeError otherwise).
 *
 * @example roundToTotal([ratio(1, 3), ratio(1, 3), ratio(1, 3)], 1n) // [1n, 0n, 0n]
 */
export function roundToTotal(exact: readonly Ratio[], total: bigint): bigint[] {
  const shares = exact.map(floor);
  let missing = total - shares.reduce((a, b) => a + b, 0n);
  const remainders = exact.map((share, index) => ({ index, fraction: sub(share, ratio(shares[index])) }))
    .filter((r) => r.fraction.n !== 0n);
  if (missing < 0n || missing > BigInt(remainders.length)) {
    throw new RangeError(`Cannot round ${exact.length} shares to a total of ${total}`);
  }
  // Array.prototype.sort is stable, so equal fractions keep their order: earlier lines first.
  remainders.sort((a, b) => compare(b.fraction, a.fraction));
  for (const { index } of remainders) {
    if (missing === 0n) break;
    shares[index] += 1n;
    missing -= 1n;
  }
  return shares;
}

/**
 * Splits `total` minor units in proportion to non-negative `weights` (a document discount across its
 * lines by their amounts), each share the floor or ceiling of its exact part, adding up to `total`.
 * All weights zero with a non-zero total is a RangeError: there is nothing to spread it over.
 *
 * @example apportion(100n, [1n, 1n, 1n]) // [34n, 33n, 33n]
 */
export function apportion(total: bigint, weights: readonly bigint[]): bigint[] {
  const whole = weights.reduce((a, b) => a + b, 0n);
  if (weights.some((w) => w < 0n)) throw new RangeError("Weights must not be negative");
  if (whole === 0n) {
    if (total !== 0n) throw new RangeError(`Cannot spread ${total} over nothing`);
    return weights.map(() => 0n);
  }
  return roundToTotal(weights.map((w) => ratio(total * w, whole)), total);
}

/**
 * Rounds a table of exact shares — a row per line, a column per tax — to whole units, each the floor
 * or the ceiling of its share, so that every column adds up to its total (as `roundToTotal` does for
 * one column) and no row's units exceed its cap (a line's taxes never exceed its price). Largest
 * remainders go first; a unit that would overfill a row is placed by an augmenting path instead,
 * moving another column's unit from that row to a row with room (bipartite matching), so a placement
 * within the caps is found whenever one exists. Only when none exists does a row exceed its cap:
 * that takes rates far above any real tax on lines of a few minor units (the property tests, with
 * up to three rates of up to 100% a line, have not found one).
 */
export function roundTable(
  exact: readonly (readonly Ratio[])[],
  columnTotals: readonly bigint[],
  rowCaps: readonly bigint[],
): bigint[][] {
  const floors = exact.map((row) => row.map(floor));
  const fraction = exact.map((row, i) => row.map((share, k) => sub(share, ratio(floors[i][k]))));
  const open = (i: number, k: number) => fraction[i][k] !== undefined && fraction[i][k].n !== 0n;
  const up = exact.map((row) => row.map(() => false));
  const spare = rowCaps.map((cap, i) => cap - floors[i].reduce((a, b) => a + b, 0n));

  // Breadth-first search for rows r0 … rn: column k takes a unit in r0, which gives one of its other
  // columns' units to r1, and so on, until a row with room. Returns false when there is none.
  const augment = (k: number): boolean => {
    const parent = new Map<number, { row: number; column: number }>();
    const queue: number[] = [];
    for (let i = 0; i < exact.length; i++) {
      if (open(i, k) && !up[i][k]) parent.set(i, { row: -1, column: k }), queue.push(i);
    }
    for (let head = 0; head < queue.length; head++) {
      const row = queue[head];
      if (spare[row] > 0n) {
        spare[row] -= 1n;
        for (let at = row; at !== -1;) {
          const step = parent.get(at)!;
          up[at][step.column] = true;
          if (step.row !== -1) up[step.row][step.column] = false;
          at = step.row;
        }
        return true;
      }
      up[row].forEach((isUp, column) => {
        if (!isUp) return;
        for (let next = 0; next < exact.length; next++) {
          if (!parent.has(next) && open(next, column) && !up[next][column]) {
            parent.set(next, { row, column });
            queue.push(next);
          }
        }
      });
    }
    return false;
  };

  columnTotals.forEach((total, k) => {
    const candidates = exact.map((_, i) => i).filter((i) => open(i, k));
    let missing = total - floors.reduce((a, row) => a + (row[k] ?? 0n), 0n);
    if (missing < 0n || missing > BigInt(candidates.length)) {
      throw new RangeError(`Cannot round column ${k} to a total of ${total}`);
    }
    candidates.sort((a, b) => compare(fraction[b][k], fraction[a][k]));
    for (const i of candidates) {
      if (missing > 0n && spare[i] > 0n) [up[i][k], spare[i], missing] = [true, spare[i] - 1n, missing - 1n];
    }
    while (missing > 0n && augment(k)) missing -= 1n;
    for (const i of candidates) {
      if (missing > 0n && !up[i][k]) [up[i][k], spare[i], missing] = [true, spare[i] - 1n, missing - 1n];
    }
  });
  return floors.map((row, i) => row.map((units, k) => units + (up[i][k] ? 1n : 0n)));
}
