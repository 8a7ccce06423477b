/**
 * How big each reliability run is. `RELIABILITY_BOUNDED=1` (what `npm test` and CI use) keeps
 * the whole suite within a few minutes on a 2-core machine; the full sizes are for
 * `npm run test:reliability`. `RELIABILITY_SEED` replays a run: every file prints its seed.
 */
export const BOUNDED = process.env.RELIABILITY_BOUNDED === "1" || process.env.RELIABILITY_BOUNDED === "true";

export const SIZES = BOUNDED
  ? { crashPayments: 60, crashClients: 4, crashKills: 3, fuzzValidPerOperation: 4, fuzzInvalidPerOperation: 10 }
  : { crashPayments: 400, crashClients: 8, crashKills: 12, fuzzValidPerOperation: 25, fuzzInvalidPerOperation: 40 };

/** A fixed seed in bounded runs (CI reproduces itself), a fresh one otherwise; always printed. */
export function runSeed(label: string): number {
  const fromEnv = process.env.RELIABILITY_SEED;
  const seed = fromEnv ? Number(fromEnv) : BOUNDED ? 20_261_121 : Math.floor(Math.random() * 2 ** 31);
  console.log(
    `[reliability] ${label}: seed ${seed} (${BOUNDED ? "bounded" : "full"} run; replay with RELIABILITY_SEED=${seed}${BOUNDED ? " RELIABILITY_BOUNDED=1" : ""})`,
  );
  return seed;
}

/** A small seeded PRNG (mulberry32) for the crash test's timings. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
