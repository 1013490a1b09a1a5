// Renders results for people: plain-text tables on the console and the markdown
// summary (bench/results/latest.md). Formatting only; computes no statistics.

import { checkResults, describeTarget, type CheckReport } from "./check";
import type { Machine } from "./machine";
import type { BenchResults, RunInfo } from "./results";
import type { ComparisonResult, SuiteResult } from "./types";

type Table = string[][];

/** Terminal colour codes (ESC [ … m), as Playwright's errors carry them. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const NOTE_CHARS = 300;

/** A reason or note as one plain line for a table cell: no colour codes, no line breaks, clipped. */
export function oneLine(text: string): string {
  const flat = text.replace(ANSI, "").replace(/\s+/g, " ").trim();
  return flat.length > NOTE_CHARS ? `${flat.slice(0, NOTE_CHARS - 1)}…` : flat;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString("en-US");
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 0.01) return value.toFixed(3);
  return value.toPrecision(2);
}

function comparisonTable(comparison: ComparisonResult): Table {
  const rows: Table = [[comparison.title, `${comparison.unit}/s median`, "min", "max"]];
  for (const c of comparison.contenders) rows.push([c.label, formatNumber(c.rate.median), formatNumber(c.rate.min), formatNumber(c.rate.max)]);
  for (const m of comparison.missing) rows.push([`${m.label}: not run (${oneLine(m.reason)})`, "—", "—", "—"]);
  for (const r of comparison.ratios) {
    const what = r.basis === "rate" ? "throughput" : "time";
    rows.push([`ratio ${r.of} / ${r.vs} (${what})`, formatNumber(r.ratio.median), formatNumber(r.ratio.min), formatNumber(r.ratio.max)]);
  }
  return rows;
}

/** Columns from `numericFrom` up to (not including) `numericTo` are right-aligned numbers. */
function markdownTable(table: Table, numericFrom = 1, numericTo = Infinity): string {
  const [head, ...body] = table;
  const align = head!.map((_, i) => (i >= numericFrom && i < numericTo ? "---:" : "---"));
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(head!), line(align), ...body.map(line)].join("\n");
}

function textTable(table: Table, numericFrom = 1): string {
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]?.length ?? 0)));
  return table
    .map((row) => row.map((cell, i) => (i >= numericFrom ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd())
    .join("\n");
}

function suiteLine(suite: SuiteResult): string {
  const load = `load ${suite.loadAverage.before.toFixed(2)} → ${suite.loadAverage.after.toFixed(2)}`;
  return `${(suite.durationMs / 1000).toFixed(1)} s, peak RSS ${suite.peakRssMb} MB, ${load}`;
}

export function suiteText(suite: SuiteResult): string {
  const head = `■ ${suite.name} — ${suite.title}`;
  if (suite.status !== "measured") return `${head}\n  ${suite.status}: ${suite.reason ?? ""}`;
  const parts = [head, `  ${suiteLine(suite)}`];
  for (const comparison of suite.comparisons) parts.push(textTable(comparisonTable(comparison)));
  for (const value of suite.values) parts.push(`${value.title}: ${formatNumber(value.value)} ${value.unit}`);
  return parts.join("\n\n");
}

function checkTable(report: CheckReport): Table {
  return [
    ["suite", "target", "measured (median)", "verdict"],
    ...report.lines.map((line) => [
      line.suite,
      line.target,
      line.measured === undefined ? "—" : formatNumber(line.measured),
      line.note ? `${line.verdict}: ${oneLine(line.note)}` : line.verdict,
    ]),
  ];
}

function tally(report: CheckReport): string {
  const count = (verdict: string) => report.lines.filter((line) => line.verdict === verdict).length;
  return `${count("met")} met, ${count("short")} short, ${count("skipped")} skipped, ${count("failed") + count("missing")} failed or not measured`;
}

export function checkText(report: CheckReport): string {
  const verdict = report.ok
    ? `check passed: ${tally(report)}. Skipped targets were not measured: they are not passed.`
    : `check FAILED: ${tally(report)}.`;
  return `${textTable(checkTable(report), 99)}\n\n${verdict}`;
}

function machineLine(machine: Machine): string {
  const p = machine.packages;
  const parts = [
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}`,
    `Node ${machine.node}`,
    `better-sqlite3 ${p["better-sqlite3"] ?? "?"} (SQLite ${machine.sqlite})`,
  ];
  if (p["@event-driven-io/emmett-sqlite"]) {
    parts.push(`emmett-sqlite ${p["@event-driven-io/emmett-sqlite"]} on sqlite3 ${p["sqlite3"] ?? "?"} (SQLite ${machine.sqliteOfSqlite3 ?? "?"})`);
  }
  if (p["kafkajs"]) parts.push(`kafkajs ${p["kafkajs"]}`);
  if (machine.chromium) parts.push(machine.chromium);
  if (machine.git) parts.push(`git ${machine.git.commit}${machine.git.uncommittedFiles ? ` with ${machine.git.uncommittedFiles} uncommitted files` : ""}`);
  return parts.join("; ");
}

function runLine(run: RunInfo): string {
  const o = run.options;
  return `- \`${run.command}\` at ${run.startedAt}: ${o.rounds} rounds, samples of about ${o.sampleMs} ms; ${machineLine(run.machine)}`;
}

function loadLine(results: BenchResults): string {
  const loads = results.suites.filter((s) => s.status === "measured").flatMap((s) => [s.loadAverage.before, s.loadAverage.after]);
  if (loads.length === 0) return "";
  const cores = Object.values(results.runs)[0]?.machine.cores ?? 0;
  return `- machine load while measuring (1-minute load average on ${cores} cores, other work included): ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}`;
}

export function markdownSummary(results: BenchResults): string {
  const report = checkResults(results.suites);
  const runIds = Object.keys(results.runs);
  const out: string[] = [
    "# Eventloom benchmarks: latest figures",
    "",
    "Reproduce: `npm run bench` (every suite), `npm run bench -- <suite>` (one), `npm run bench -- --check` (and compare with the targets; exits non-zero when a measured ratio falls short).",
    "",
    "Each suite runs in its own process, so its peak RSS is its own. Inside a suite, Eventloom's path and its baselines run alternately",
    "for several rounds in one run (each round forwards then backwards, A B B A); a ratio is the **median of the per-round ratios**,",
    "with min and max across rounds, so load from other processes on the machine mostly cancels out. Rates are medians over rounds.",
    "A skipped suite (missing prerequisite) is listed as skipped: `--check` does not count it as passed, and fails only on measured shortfalls or a suite that crashed.",
    "",
    ...runIds.map((id) => runLine(results.runs[id]!)),
    loadLine(results),
    "",
    "## Targets",
    "",
    `${tally(report)}.`,
    "",
    markdownTable(checkTable(report), 2, 3),
    "",
    "## Suites",
  ];
  for (const suite of results.suites) {
    out.push("", `### \`${suite.name}\` — ${suite.title}`, "");
    if (suite.status !== "measured") {
      out.push(`**${suite.status}**: ${oneLine(suite.reason ?? "")}`);
      if (suite.targets.length > 0) out.push("", `Targets waiting for it: ${suite.targets.map((t) => describeTarget(t)).join("; ")}.`);
      continue;
    }
    out.push(`${suiteLine(suite)}${runIds.length > 1 ? `; from the run at ${suite.run}` : ""}.`);
    for (const comparison of suite.comparisons) out.push("", markdownTable(comparisonTable(comparison)));
    for (const value of suite.values) out.push("", `${value.title}: **${formatNumber(value.value)} ${value.unit}**`);
  }
  return `${out.join("\n")}\n`;
}
