import { describe, expect, it } from "vitest";
import type { Machine } from "./machine";
import { mergeResults, type RunInfo } from "./results";
import type { SuiteResult } from "./types";

const machine: Machine = { cpu: "cpu", cores: 2, memoryGb: 24, os: "linux", node: "v20", packages: {}, sqlite: "3" };
const run = (startedAt: string, command: string): RunInfo => ({ startedAt, command, options: { rounds: 9, sampleMs: 100 }, machine });

function suite(name: string, peakRssMb: number): SuiteResult {
  return {
    name,
    title: name,
    status: "measured",
    startedAt: "t",
    durationMs: 1,
    peakRssMb,
    loadAverage: { before: 0, after: 0 },
    targets: [],
    comparisons: [],
    values: [],
  };
}

describe("merging results", () => {
  it("given a full run, when one suite runs again, then only that suite is replaced and each suite names its run", () => {
    const order = ["append", "read-fold", "canvas"];
    const first = mergeResults(undefined, "r1", run("r1", "npm run bench"), [suite("append", 1), suite("read-fold", 1), suite("canvas", 1)], order);
    const second = mergeResults(first, "r2", run("r2", "npm run bench -- read-fold"), [suite("read-fold", 2)], order);
    expect(second.suites.map((s) => [s.name, s.run, s.peakRssMb])).toEqual([
      ["append", "r1", 1],
      ["read-fold", "r2", 2],
      ["canvas", "r1", 1],
    ]);
    expect(Object.keys(second.runs).sort()).toEqual(["r1", "r2"]);
  });

  it("given a run that replaces every suite of an earlier run, when merged, then the earlier run is dropped", () => {
    const order = ["append"];
    const first = mergeResults(undefined, "r1", run("r1", "a"), [suite("append", 1)], order);
    expect(Object.keys(mergeResults(first, "r2", run("r2", "b"), [suite("append", 2)], order).runs)).toEqual(["r2"]);
  });

  it("given a stored suite that is no longer registered, when merged, then it is dropped", () => {
    const first = mergeResults(undefined, "r1", run("r1", "a"), [suite("gone", 1)], ["gone"]);
    expect(mergeResults(first, "r2", run("r2", "b"), [suite("append", 1)], ["append"]).suites.map((s) => s.name)).toEqual(["append"]);
  });
});
