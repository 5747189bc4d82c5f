/**
 * The arithmetic every priced line obeys, shared with billing so an invoice recomputes exactly what
 * pricing produced: a quantity in thousandths of its unit (3.5 h = 3500) times a unit price in minor
 * units, rounded half away from zero to a whole minor unit.
 */

/** Thousandths in one unit of quantity. */
export const QUANTITY_SCALE = 1000;

/**
 * The amount of a line in minor units: `quantityThousandths × unitPrice / 1000`, ties rounded away from
 * zero (half-up on the magnitude). BigInt keeps the product exact however large the operands are.
 *
 * @example lineAmount(3500, 4999) // 17497 (3.5 h × 49.99 = 174.965 → 174.97)
 */
export function lineAmount(quantityThousandths: number, unitPrice: number): number {
  if (!Number.isSafeInteger(quantityThousandths) || !Number.isSafeInteger(unitPrice)) {
    throw new RangeError(
      `A line needs whole thousandths and minor units, got ${quantityThousandths} × ${unitPrice}`,
    );
  }
  const product = BigInt(quantityThousandths) * BigInt(unitPrice);
  const magnitude = product < 0n ? -product : product;
  const scale = BigInt(QUANTITY_SCALE);
  const rounded = (magnitude * 2n + scale) / (scale * 2n);
  const amount = Number(product < 0n ? -rounded : rounded);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Line amount ${rounded} is too large`);
  return amount;
}

/**
 * A quantity in thousandths as a plain decimal with no trailing zeros, for descriptions and exports.
 *
 * @example formatQuantity(3500) // "3.5"
 */
export function formatQuantity(quantityThousandths: number): string {
  const sign = quantityThousandths < 0 ? "-" : "";
  const magnitude = Math.abs(quantityThousandths);
  const whole = Math.floor(magnitude / QUANTITY_SCALE);
  const fraction = String(magnitude % QUANTITY_SCALE).padStart(3, "0").replace(/0+$/, "");
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}
