// Runs one comparison: opens every available contender, calibrates how many units
// each does per sample, then runs them alternately for several rounds (each round
// forwards then backwards, the order rotated between rounds), and reduces the
// rates to medians and per-round ratios.

import { perRoundRatios, roundOrder, spread } from "./stats";
import type { Comparison, ComparisonResult, Contender, MissingContender, RatioSpec, RatioTarget, Runner, SuiteContext } from "./types";

const MAX_UNITS = 10_000_000;

const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function timed(runner: Runner, units: number): Promise<number> {
  await runner.prepare?.(units);
  collectGarbage();
  const start = performance.now();
  await runner.run(units);
  return performance.now() - start;
}

/** Units per sample so that one sample lasts about `sampleMs`; its runs double as the warm-up. */
async function calibrate(runner: Runner, sampleMs: number): Promise<number> {
  let units = 1;
  let elapsed = await timed(runner, units);
  while (elapsed < sampleMs / 2 && units < MAX_UNITS) {
    const growth = Math.min(10, Math.max(2, sampleMs / Math.max(elapsed, 0.01)));
    units = Math.min(MAX_UNITS, Math.ceil(units * growth));
    elapsed = await timed(runner, units);
  }
  return Math.max(1, Math.min(MAX_UNITS, Math.round((units * sampleMs) / Math.max(elapsed, 0.01))));
}

/** The ratios to report: every target's of this comparison, then the extras; none involving a missing contender. */
export function ratioSpecs(comparison: Comparison, targets: readonly RatioTarget[], present: readonly string[]): RatioSpec[] {
  const specs: RatioSpec[] = [];
  const add = (spec: RatioSpec) => {
    const known = present.includes(spec.of) && present.includes(spec.vs);
    if (known && !specs.some((s) => s.of === spec.of && s.vs === spec.vs && s.basis === spec.basis)) specs.push(spec);
  };
  for (const target of targets) if (target.comparison === comparison.id) add({ of: target.of, vs: target.vs, basis: target.basis });
  for (const extra of comparison.extraRatios ?? []) add(extra);
  return specs;
}

async function available(contenders: readonly Contender[], ctx: SuiteContext): Promise<{ present: Contender[]; missing: MissingContender[] }> {
  const present: Contender[] = [];
  const missing: MissingContender[] = [];
  for (const contender of contenders) {
    const reason = await contender.unavailable?.();
    if (reason === undefined) present.push(contender);
    else {
      missing.push({ key: contender.key, label: contender.label, reason });
      ctx.log(`${contender.label} left out: ${reason}`);
    }
  }
  return { present, missing };
}

export async function measureComparison(
  comparison: Comparison,
  targets: readonly RatioTarget[],
  ctx: SuiteContext,
): Promise<ComparisonResult> {
  const rounds = comparison.rounds ?? ctx.rounds;
  const sampleMs = comparison.sampleMs ?? ctx.sampleMs;
  const scaleOf = (i: number) => present[i]!.scale ?? comparison.scale ?? 1;
  const { present, missing } = await available(comparison.contenders, ctx);
  const runners: Runner[] = [];
  try {
    for (const contender of present) {
      const start = performance.now();
      runners.push(await contender.open(ctx));
      ctx.log(`${comparison.id}: opened ${contender.label} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
    const units: number[] = [];
    for (const [i, runner] of runners.entries()) {
      units.push(present[i]!.calibrate === false ? 1 : await calibrate(runner, sampleMs));
      ctx.log(`${comparison.id}: ${present[i]!.label} does ${units[i]! * scaleOf(i)} ${comparison.unit} per sample`);
    }
    const rates: number[][] = runners.map(() => []);
    for (let round = 0; round < rounds; round++) {
      // A B C then C B A: every pair's samples share the same centre in time, so a
      // steady change in the machine's load weighs on both sides of a ratio alike.
      const order = roundOrder(runners.length, round);
      const elapsed = new Array<number>(runners.length).fill(0);
      for (const i of [...order, ...[...order].reverse()]) elapsed[i]! += await timed(runners[i]!, units[i]!);
      for (const [i, ms] of elapsed.entries()) rates[i]!.push((2 * units[i]! * scaleOf(i) * 1000) / ms);
    }
    const ratesOf = (key: string) => rates[present.findIndex((c) => c.key === key)]!;
    return {
      id: comparison.id,
      title: comparison.title,
      unit: comparison.unit,
      rounds,
      contenders: present.map((c, i) => ({
        key: c.key,
        label: c.label,
        unitsPerSample: units[i]! * scaleOf(i),
        rates: rates[i]!,
        rate: spread(rates[i]!),
      })),
      missing,
      ratios: ratioSpecs(comparison, targets, present.map((c) => c.key)).map((spec) => {
        const perRound = perRoundRatios(ratesOf(spec.of), ratesOf(spec.vs), spec.basis);
        return { ...spec, perRound, ratio: spread(perRound) };
      }),
    };
  } finally {
    for (const runner of runners.reverse()) await runner.close?.();
  }
}
