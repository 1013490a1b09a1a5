// One suite in its own process (so its peak RSS is its own): checks the
// prerequisite, runs the comparisons, then sends a SuiteResult to the parent
// over IPC (or prints it as JSON when started by hand).
// Usage: node --import tsx --expose-gc bench/harness/child.ts <suite> '<options json>'

import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findSuite } from "../suites/registry";
import { measureComparison } from "./rounds";
import type { ComparisonResult, RatioTarget, Suite, SuiteContext, SuiteResult, ValueResult } from "./types";

export interface ChildOptions {
  rounds: number;
  sampleMs: number;
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function runSuite(name: string, options: ChildOptions): Promise<SuiteResult> {
  const suite = findSuite(name);
  if (!suite) throw new Error(`no suite named "${name}"`);
  const startedAt = new Date().toISOString();
  const start = performance.now();
  const loadBefore = os.loadavg()[0]!;
  const base = { name: suite.name, title: suite.title, startedAt, targets: suite.targets };
  const finish = (rest: Pick<SuiteResult, "status" | "reason" | "comparisons" | "values">): SuiteResult => ({
    ...base,
    ...rest,
    durationMs: Math.round(performance.now() - start),
    peakRssMb: peakRssMb(),
    loadAverage: { before: loadBefore, after: os.loadavg()[0]! },
  });

  try {
    const reason = await suite.prerequisite();
    if (reason !== undefined) return finish({ status: "skipped", reason, comparisons: [], values: [] });
    return finish(await measure(suite, options));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return finish({ status: "failed", reason: error instanceof Error ? error.message : String(error), comparisons: [], values: [] });
  }
}

async function measure(suite: Suite, options: ChildOptions): Promise<Pick<SuiteResult, "status" | "comparisons" | "values">> {
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), `eventloom-bench-${suite.name}-`));
  let files = 0;
  const ctx: SuiteContext = {
    ...options,
    tmpDir,
    newFile: (name) => path.join(tmpDir, `${++files}-${name}`),
    log: (message) => process.stderr.write(`  [${suite.name}] ${message}\n`),
  };
  try {
    const ratioTargets = suite.targets.filter((t): t is RatioTarget => t.kind === "ratio");
    const comparisons: ComparisonResult[] = [];
    for (const comparison of await suite.comparisons(ctx)) {
      comparisons.push(await measureComparison(comparison, ratioTargets, ctx));
    }
    const values: ValueResult[] = (await suite.values?.(ctx)) ?? [];
    return { status: "measured", comparisons, values };
  } finally {
    await suite.cleanup?.();
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [name, optionsJson] = process.argv.slice(2);
  if (!name || !optionsJson) throw new Error("usage: child.ts <suite> '<options json>'");
  const result = await runSuite(name, JSON.parse(optionsJson) as ChildOptions);
  if (process.send) {
    await new Promise<void>((resolve, reject) => process.send!({ result }, (error: Error | null) => (error ? reject(error) : resolve())));
  } else {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
