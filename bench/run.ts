// `npm run bench [-- [suite ...] [--check] [--rounds N] [--sample-ms N] [--list] [--report] [--suite-timeout-min N]]`:
// runs each selected suite in its own child process, prints its tables, merges the
// results into bench/results/latest.json and latest.md, and with --check compares
// every ratio with its target (non-zero exit on a measured shortfall). --report runs
// nothing: it rewrites latest.md from latest.json (and with --check, checks those figures).

import { fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { checkResults } from "./harness/check";
import type { ChildOptions } from "./harness/child";
import { describeMachine, PROJECT_ROOT } from "./harness/machine";
import { checkText, markdownSummary, suiteText } from "./harness/report";
import { mergeResults, readResults, writeAtomically } from "./harness/results";
import type { SuiteResult } from "./harness/types";
import { SUITES } from "./suites/registry";

const RESULTS_DIR = path.join(PROJECT_ROOT, "bench/results");
const JSON_FILE = path.join(RESULTS_DIR, "latest.json");
const MD_FILE = path.join(RESULTS_DIR, "latest.md");
const CHILD = path.join(PROJECT_ROOT, "bench/harness/child.ts");
const DEFAULTS: ChildOptions = { rounds: 7, sampleMs: 100 };
/** A suite still running after this long is killed and reported failed (--suite-timeout-min; the 1,000,000-event sizes need more). */
const DEFAULT_SUITE_TIMEOUT_MIN = 10;

interface Args {
  names: string[];
  check: boolean;
  list: boolean;
  report: boolean;
  suiteTimeoutMin: number;
  options: ChildOptions;
}

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(
    `usage: npm run bench [-- [suite ...] [--check] [--rounds N] [--sample-ms N] [--list] [--report] [--suite-timeout-min N]]\nsuites: ${SUITES.map((s) => s.name).join(", ")}`,
  );
  process.exit(2);
}

function positiveInt(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) usage(`${flag} needs a positive whole number, got "${text ?? ""}"`);
  return value;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { names: [], check: false, list: false, report: false, suiteTimeoutMin: DEFAULT_SUITE_TIMEOUT_MIN, options: { ...DEFAULTS } };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--check") args.check = true;
    else if (arg === "--list") args.list = true;
    else if (arg === "--report") args.report = true;
    else if (arg === "--rounds") args.options.rounds = positiveInt(arg, argv[++i]);
    else if (arg === "--sample-ms") args.options.sampleMs = positiveInt(arg, argv[++i]);
    else if (arg === "--suite-timeout-min") args.suiteTimeoutMin = positiveInt(arg, argv[++i]);
    else if (arg === "--help" || arg === "-h") usage();
    else if (arg.startsWith("-")) usage(`unknown option ${arg}`);
    else if (!SUITES.some((s) => s.name === arg)) usage(`no suite named "${arg}"`);
    else args.names.push(arg);
  }
  return args;
}

function failed(name: string, title: string, reason: string): SuiteResult {
  return {
    name,
    title,
    status: "failed",
    reason,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    peakRssMb: 0,
    loadAverage: { before: 0, after: 0 },
    targets: SUITES.find((s) => s.name === name)?.targets ?? [],
    comparisons: [],
    values: [],
  };
}

function runChild(name: string, title: string, options: ChildOptions, timeoutMin: number): Promise<SuiteResult> {
  return new Promise((resolve) => {
    let result: SuiteResult | undefined;
    let timedOut = false;
    const child = fork(CHILD, [name, JSON.stringify(options)], {
      cwd: PROJECT_ROOT,
      execArgv: ["--import", "tsx", "--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMin * 60_000);
    child.on("message", (message: { result?: SuiteResult }) => {
      result = message.result;
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const why = timedOut
        ? `it ran past ${timeoutMin} min and was stopped (--suite-timeout-min)`
        : signal
          ? `its process was killed (${signal})`
          : `its process exited with code ${code} before reporting`;
      resolve(result ?? failed(name, title, why));
    });
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const suite of SUITES) console.log(`${suite.name.padEnd(20)} ${suite.title}`);
    return;
  }
  if (args.report) {
    const stored = readResults(JSON_FILE);
    if (!stored) usage(`${path.relative(process.cwd(), JSON_FILE)} holds no results yet: run npm run bench first`);
    writeAtomically(MD_FILE, markdownSummary(stored));
    console.log(`rewrote ${path.relative(process.cwd(), MD_FILE)} from ${path.relative(process.cwd(), JSON_FILE)}`);
    if (args.check) finishCheck(stored.suites);
    return;
  }
  const selected = args.names.length > 0 ? SUITES.filter((s) => args.names.includes(s.name)) : SUITES;
  const startedAt = new Date().toISOString();
  const machine = await describeMachine();
  const sizes = Object.entries(process.env).filter(([name]) => name.startsWith("BENCH_")).map(([name, value]) => `${name}=${value}`);
  const command = [...sizes, "npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" ");
  console.log(`${command}: ${selected.length} suite(s), ${args.options.rounds} rounds, ~${args.options.sampleMs} ms samples`);
  console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, SQLite ${machine.sqlite}\n`);

  const results: SuiteResult[] = [];
  for (const suite of selected) {
    console.log(`▶ ${suite.name}`);
    const result = await runChild(suite.name, suite.title, args.options, args.suiteTimeoutMin);
    results.push(result);
    console.log(`${suiteText(result)}\n`);
  }

  mkdirSync(RESULTS_DIR, { recursive: true });
  const merged = mergeResults(
    readResults(JSON_FILE),
    startedAt,
    { startedAt, command, options: args.options, machine },
    results,
    SUITES.map((s) => s.name),
  );
  writeAtomically(JSON_FILE, `${JSON.stringify(merged, null, 2)}\n`);
  writeAtomically(MD_FILE, markdownSummary(merged));
  console.log(`results: ${path.relative(process.cwd(), JSON_FILE)} and latest.md`);
  if (args.check) finishCheck(results);
}

function finishCheck(suites: readonly SuiteResult[]): void {
  const report = checkResults(suites);
  console.log(`\n${checkText(report)}`);
  if (!report.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
