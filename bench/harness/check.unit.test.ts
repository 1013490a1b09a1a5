import { describe, expect, it } from "vitest";
import { checkResults } from "./check";
import { ratioSpecs } from "./rounds";
import type { ComparisonResult, RatioTarget, SuiteResult, ValueTarget } from "./types";

const toBare: RatioTarget = { kind: "ratio", comparison: "append-1", of: "eventloom", vs: "bare", basis: "rate", atLeast: 0.7, source: "#9" };
const toPeer: RatioTarget = { kind: "ratio", comparison: "append-1", of: "eventloom", vs: "emmett", basis: "rate", atLeast: 1, source: "#9" };
const jump: RatioTarget = { kind: "ratio", comparison: "jump", of: "jump", vs: "replay", basis: "time", atMost: 0.01, source: "#9" };
const rss: ValueTarget = { kind: "value", value: "studio-rss-mb", atMost: 500, source: "#9" };

function comparison(id: string, ratios: [string, string, "rate" | "time", number][], missing: ComparisonResult["missing"] = []): ComparisonResult {
  return {
    id,
    title: id,
    unit: "events",
    rounds: 3,
    contenders: [],
    missing,
    ratios: ratios.map(([of, vs, basis, median]) => ({ of, vs, basis, perRound: [median], ratio: { median, min: median, max: median } })),
  };
}

function suite(overrides: Partial<SuiteResult>): SuiteResult {
  return {
    name: "append",
    title: "append",
    status: "measured",
    startedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 1,
    peakRssMb: 1,
    loadAverage: { before: 0, after: 0 },
    targets: [toBare],
    comparisons: [],
    values: [],
    ...overrides,
  };
}

describe("--check", () => {
  it("given a measured ratio at or above its target, when checked, then it passes", () => {
    const report = checkResults([suite({ comparisons: [comparison("append-1", [["eventloom", "bare", "rate", 0.7]])] })]);
    expect(report.lines.map((l) => l.verdict)).toEqual(["met"]);
    expect(report.ok).toBe(true);
  });

  it("given a measured ratio below its target, when checked, then it falls short and the check fails", () => {
    const report = checkResults([suite({ comparisons: [comparison("append-1", [["eventloom", "bare", "rate", 0.69]])] })]);
    expect(report.lines[0]).toMatchObject({ verdict: "short", measured: 0.69 });
    expect(report.ok).toBe(false);
  });

  it("given a time ratio with an upper bound, when above it, then it falls short", () => {
    const measured = suite({ targets: [jump], comparisons: [comparison("jump", [["jump", "replay", "time", 0.02]])] });
    expect(checkResults([measured]).lines[0]!.verdict).toBe("short");
  });

  it("given a skipped suite, when checked, then each of its targets is reported skipped with the reason and the check does not fail", () => {
    const skipped = suite({ status: "skipped", reason: "the Kafka broker is not up", targets: [toBare, toPeer] });
    const report = checkResults([skipped]);
    expect(report.lines).toHaveLength(2);
    expect(report.lines.every((l) => l.verdict === "skipped" && l.note === "the Kafka broker is not up")).toBe(true);
    expect(report.ok).toBe(true);
  });

  it("given a skipped suite beside a measured shortfall, when checked, then the shortfall still fails the check", () => {
    const short = suite({ comparisons: [comparison("append-1", [["eventloom", "bare", "rate", 0.5]])] });
    const skipped = suite({ name: "canvas", status: "skipped", reason: "Chromium is missing" });
    expect(checkResults([skipped, short]).ok).toBe(false);
  });

  it("given a failed suite, when checked, then the check fails", () => {
    expect(checkResults([suite({ status: "failed", reason: "it crashed" })]).ok).toBe(false);
  });

  it("given a measured suite that did not measure a declared target, when checked, then it is missing and the check fails", () => {
    const report = checkResults([suite({ targets: [toBare, toPeer], comparisons: [comparison("append-1", [["eventloom", "bare", "rate", 0.9]])] })]);
    expect(report.lines.map((l) => l.verdict)).toEqual(["met", "missing"]);
    expect(report.ok).toBe(false);
  });

  it("given a contender that could not run, when its target is checked, then it is skipped with the contender's reason", () => {
    const missing = [{ key: "emmett", label: "emmett-sqlite 0.38.5", reason: "sqlite3 did not build" }];
    const report = checkResults([suite({ targets: [toPeer], comparisons: [comparison("append-1", [], missing)] })]);
    expect(report.lines[0]).toMatchObject({ verdict: "skipped", note: "emmett-sqlite 0.38.5 could not run: sqlite3 did not build" });
    expect(report.ok).toBe(true);
  });

  it("given a value target, when the value is over its bound, then it falls short", () => {
    const measured = suite({ targets: [rss], values: [{ id: "studio-rss-mb", title: "studio RSS", unit: "MB", value: 512 }] });
    expect(checkResults([measured]).lines[0]).toMatchObject({ verdict: "short", measured: 512 });
  });
});

describe("ratios reported", () => {
  it("given targets and extras, when the contenders are known, then each pair is reported once, targets first", () => {
    const specs = ratioSpecs(
      { id: "append-1", title: "", unit: "events", contenders: [], extraRatios: [{ of: "emmett", vs: "bare", basis: "rate" }, { of: "eventloom", vs: "bare", basis: "rate" }] },
      [toBare, toPeer, jump],
      ["eventloom", "bare", "emmett"],
    );
    expect(specs.map((s) => `${s.of}/${s.vs}`)).toEqual(["eventloom/bare", "eventloom/emmett", "emmett/bare"]);
  });

  it("given a contender that is missing, when listing ratios, then none involving it is reported", () => {
    const specs = ratioSpecs({ id: "append-1", title: "", unit: "events", contenders: [] }, [toBare, toPeer], ["eventloom", "bare"]);
    expect(specs.map((s) => `${s.of}/${s.vs}`)).toEqual(["eventloom/bare"]);
  });
});
