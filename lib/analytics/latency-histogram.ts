/**
 * Latency histogram used by the hourly rollups: fixed upper bounds (ms), one counter per
 * bucket (RequestRollup.lat0 … lat15). Percentiles are estimated by linear interpolation
 * inside the bucket that holds the rank, so p50/p95 over any range are sums of rollups.
 */
export const LATENCY_BOUNDS_MS = [5, 10, 20, 35, 50, 75, 100, 150, 250, 400, 600, 1_000, 2_500, 5_000, 10_000, Infinity] as const;

export const HISTOGRAM_SIZE = LATENCY_BOUNDS_MS.length;

export type Histogram = number[];

export function emptyHistogram(): Histogram {
  return new Array<number>(HISTOGRAM_SIZE).fill(0);
}

export function bucketIndex(latencyMs: number): number {
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => latencyMs <= bound);
  return index < 0 ? HISTOGRAM_SIZE - 1 : index;
}

export function addHistograms(into: Histogram, from: readonly number[]): Histogram {
  for (let i = 0; i < HISTOGRAM_SIZE; i++) into[i] += from[i] ?? 0;
  return into;
}

/**
 * The q-quantile (0 < q ≤ 1) of the latencies counted in the histogram, or null when empty.
 * The open last bucket reports its lower bound (10 s): "at least".
 */
export function percentile(histogram: readonly number[], q: number): number | null {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < HISTOGRAM_SIZE; i++) {
    const count = histogram[i];
    if (count === 0) continue;
    if (seen + count >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1];
      const upper = LATENCY_BOUNDS_MS[i];
      if (!Number.isFinite(upper)) return lower;
      return lower + ((rank - seen) / count) * (upper - lower);
    }
    seen += count;
  }
  return LATENCY_BOUNDS_MS[HISTOGRAM_SIZE - 2];
}

/** Histogram columns of a rollup row as an array, and back. */
export type HistogramColumns = { [K in `lat${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15}`]: number };

export function histogramFromColumns(row: HistogramColumns): Histogram {
  return Array.from({ length: HISTOGRAM_SIZE }, (_, i) => row[`lat${i}` as keyof HistogramColumns]);
}

export function columnsFromHistogram(histogram: readonly number[]): HistogramColumns {
  return Object.fromEntries(histogram.map((count, i) => [`lat${i}`, count])) as HistogramColumns;
}
