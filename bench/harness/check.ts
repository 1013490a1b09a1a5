// `--check`: compares each measured ratio (median of per-round ratios) and value
// with the targets declared beside its suite. A skipped suite is reported as
// skipped and does not fail the check; a measured shortfall or a failed suite does.

import type { MissingContender, RatioTarget, SuiteResult, Target, ValueTarget } from "./types";

export type Verdict = "met" | "short" | "skipped" | "failed" | "missing";

export interface CheckLine {
  suite: string;
  target: string;
  /** The measured median, when there is one. */
  measured?: number;
  verdict: Verdict;
  note?: string;
}

export interface CheckReport {
  lines: CheckLine[];
  /** true when nothing measured fell short and no suite failed. */
  ok: boolean;
}

export function describeTarget(target: Target): string {
  const bound = [
    target.atLeast !== undefined ? `≥ ${target.atLeast}` : undefined,
    target.atMost !== undefined ? `≤ ${target.atMost}` : undefined,
  ]
    .filter(Boolean)
    .join(" and ");
  if (target.kind === "value") return `${target.value} ${bound}`;
  const what = target.basis === "rate" ? "rate" : "time";
  return `${target.comparison}: ${target.of}/${target.vs} ${what} ${bound}`;
}

export function meets(value: number, target: Pick<Target, "atLeast" | "atMost">): boolean {
  return (target.atLeast === undefined || value >= target.atLeast) && (target.atMost === undefined || value <= target.atMost);
}

function measuredRatio(suite: SuiteResult, target: RatioTarget): number | undefined {
  const comparison = suite.comparisons.find((c) => c.id === target.comparison);
  const ratio = comparison?.ratios.find((r) => r.of === target.of && r.vs === target.vs && r.basis === target.basis);
  return ratio?.ratio.median;
}

function missingContender(suite: SuiteResult, target: RatioTarget): MissingContender | undefined {
  const comparison = suite.comparisons.find((c) => c.id === target.comparison);
  return comparison?.missing.find((m) => m.key === target.of || m.key === target.vs);
}

function measuredValue(suite: SuiteResult, target: ValueTarget): number | undefined {
  return suite.values.find((v) => v.id === target.value)?.value;
}

function checkTarget(suite: SuiteResult, target: Target): CheckLine {
  const base = { suite: suite.name, target: describeTarget(target) };
  switch (suite.status) {
    case "skipped":
      return { ...base, verdict: "skipped", note: suite.reason };
    case "failed":
      return { ...base, verdict: "failed", note: suite.reason };
    case "measured": {
      const absent = target.kind === "ratio" ? missingContender(suite, target) : undefined;
      if (absent) return { ...base, verdict: "skipped", note: `${absent.label} could not run: ${absent.reason}` };
      const measured = target.kind === "ratio" ? measuredRatio(suite, target) : measuredValue(suite, target);
      if (measured === undefined) return { ...base, verdict: "missing", note: "the suite ran but did not measure this" };
      return { ...base, measured, verdict: meets(measured, target) ? "met" : "short" };
    }
    default: {
      const never: never = suite.status;
      throw new Error(`unknown suite status ${String(never)}`);
    }
  }
}

export function checkResults(suites: readonly SuiteResult[]): CheckReport {
  const lines: CheckLine[] = [];
  for (const suite of suites) {
    if (suite.targets.length === 0 && suite.status !== "measured") {
      lines.push({ suite: suite.name, target: "(no target)", verdict: suite.status, note: suite.reason });
    }
    for (const target of suite.targets) lines.push(checkTarget(suite, target));
  }
  const ok = lines.every((line) => line.verdict === "met" || line.verdict === "skipped");
  return { lines, ok };
}
