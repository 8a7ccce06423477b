/**
 * The credit card rewards scheme: points per whole pound of each card purchase, double at
 * supermarkets and food stores, none on cash-like transactions; a refund takes back the
 * points of the same amount. Points redeem as cashback on the card.
 */

/** ISO 18245: grocery stores and supermarkets, freezer/meat, candy, dairy, bakeries, misc food. */
export const SUPERMARKET_MCCS = ["5411", "5422", "5441", "5451", "5462", "5499"] as const;
/** Cash-like: ATM and manual cash, quasi-cash, money transfer, betting. */
export const NO_POINTS_MCCS = ["4829", "6010", "6011", "6051", "7995"] as const;

export const POINTS_PER_POUND = 1;
export const SUPERMARKET_POINTS_PER_POUND = 2;
/** Redemptions: at least and in multiples of this many points. */
export const REDEMPTION_STEP = 500;
/** Cashback per REDEMPTION_STEP points, minor units (0.5p a point). */
export const CASHBACK_PER_STEP = 250n;

export function pointsPerPound(mcc: string | null): number {
  if (mcc && (NO_POINTS_MCCS as readonly string[]).includes(mcc)) return 0;
  if (mcc && (SUPERMARKET_MCCS as readonly string[]).includes(mcc)) return SUPERMARKET_POINTS_PER_POUND;
  return POINTS_PER_POUND;
}

/**
 * Points of one card transaction (minor units, negative = purchase): floor(pounds) × rate for a
 * purchase, the negative of that for a refund.
 */
export function pointsFor(line: { amount: bigint; merchantCategoryCode: string | null }): number {
  const pounds = Number((line.amount < 0n ? -line.amount : line.amount) / 100n);
  const points = pounds * pointsPerPound(line.merchantCategoryCode);
  return line.amount < 0n ? points : -points;
}

/** Cashback for a number of points (a multiple of REDEMPTION_STEP). */
export function cashbackFor(points: number): bigint {
  return (BigInt(points) * CASHBACK_PER_STEP) / BigInt(REDEMPTION_STEP);
}
