// bench/results/latest.json: the latest result of every suite and the run (machine,
// versions, command) each came from. Running some suites replaces only theirs.

import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Machine } from "./machine";
import type { SuiteResult } from "./types";

export interface RunInfo {
  startedAt: string;
  /** The command line that produced the run, e.g. "npm run bench -- append". */
  command: string;
  options: { rounds: number; sampleMs: number };
  machine: Machine;
}

export interface StoredSuite extends SuiteResult {
  /** Key into BenchResults.runs. */
  run: string;
}

export interface BenchResults {
  schemaVersion: 1;
  updatedAt: string;
  runs: Record<string, RunInfo>;
  suites: StoredSuite[];
}

export function readResults(file: string): BenchResults | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
  return parsed.schemaVersion === 1 ? parsed : undefined;
}

/** Replaces the suites of `run` in `previous`, keeps the others, orders suites as `order`, drops runs no suite refers to. */
export function mergeResults(
  previous: BenchResults | undefined,
  runId: string,
  run: RunInfo,
  suites: readonly SuiteResult[],
  order: readonly string[],
): BenchResults {
  const fresh = suites.map((suite) => ({ ...suite, run: runId }));
  const kept = (previous?.suites ?? []).filter((old) => !fresh.some((s) => s.name === old.name) && order.includes(old.name));
  const rank = (name: string) => order.indexOf(name);
  const merged = [...kept, ...fresh].sort((a, b) => rank(a.name) - rank(b.name));
  const runs: Record<string, RunInfo> = {};
  for (const suite of merged) runs[suite.run] = suite.run === runId ? run : previous!.runs[suite.run]!;
  return { schemaVersion: 1, updatedAt: run.startedAt, runs, suites: merged };
}

export function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
