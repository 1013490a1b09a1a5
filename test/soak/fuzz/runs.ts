// How many cases each fuzz target runs: 10,000 in the soak suite (its vitest config sets
// EVENTLOOM_FUZZ_RUNS), a quick sample in `npm test`. Seeds are fixed so a failure replays.

export function fuzzRuns(quick: number): number {
  const configured = Number(process.env.EVENTLOOM_FUZZ_RUNS);
  return Number.isInteger(configured) && configured > 0 ? configured : quick;
}

/** fast-check parameters for one target: its case count and a fixed seed. */
export function fuzzParameters(seed: number, quick: number): { numRuns: number; seed: number; endOnFailure: true } {
  return { numRuns: fuzzRuns(quick), seed, endOnFailure: true };
}
