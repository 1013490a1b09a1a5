// Statistics of a comparison: median/min/max and per-round ratios between two
// contenders. Pure functions, no timing here.

import type { RatioBasis, Spread } from "./types";

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Ratio of `of` to `vs` in each round, from their rates (units per second).
 * rate basis: rateOf / rateVs; time basis: timePerUnitOf / timePerUnitVs = rateVs / rateOf.
 */
export function perRoundRatios(ratesOf: readonly number[], ratesVs: readonly number[], basis: RatioBasis): number[] {
  if (ratesOf.length !== ratesVs.length) throw new RangeError(`rounds differ: ${ratesOf.length} vs ${ratesVs.length}`);
  return ratesOf.map((rateOf, round) => {
    const rateVs = ratesVs[round]!;
    return basis === "rate" ? rateOf / rateVs : rateVs / rateOf;
  });
}

/** Order of contenders in a round: rotated each round so none always runs first (or right after a given other). */
export function roundOrder(contenders: number, round: number): number[] {
  const order = Array.from({ length: contenders }, (_, i) => (i + round) % contenders);
  return Math.floor(round / contenders) % 2 === 1 ? order.reverse() : order;
}
