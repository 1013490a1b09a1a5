// The shapes shared by the bench harness and every suite: suites, contenders,
// targets and results. Types only; no suite logic and no I/O here.

/** One contender opened for a comparison: does `units` units of work per call (timed by the harness). */
export interface Runner {
  /** Untimed work before each timed call, e.g. refilling a queue the call will drain. */
  prepare?(units: number): void | Promise<void>;
  run(units: number): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** A way of doing a comparison's work: the project's path or a baseline. */
export interface Contender {
  /** Short stable key used by targets and results, e.g. "eventloom", "bare", "emmett". */
  key: string;
  /** What a reader sees, e.g. "bare better-sqlite3". */
  label: string;
  /**
   * false: no calibration and no warm-up for this contender, one unit per sample.
   * For units that take seconds each (a full replay), where a warm-up only costs time.
   */
  calibrate?: boolean;
  /** Overrides the comparison's scale for this contender (its unit of work is a different amount of the displayed unit). */
  scale?: number;
  /** undefined when the contender can run; otherwise why not (the comparison runs without it). */
  unavailable?(): string | undefined | Promise<string | undefined>;
  /** Prepares the contender (fresh database, loaded data...); not timed. */
  open(ctx: SuiteContext): Runner | Promise<Runner>;
}

/** rate: throughput of `of` / throughput of `vs` (higher is better); time: time per unit of `of` / of `vs` (lower is better). */
export type RatioBasis = "rate" | "time";

export interface RatioSpec {
  of: string;
  vs: string;
  basis: RatioBasis;
}

/** One workload run by every contender alternately, several rounds. */
export interface Comparison {
  id: string;
  title: string;
  /** What a unit of work is, plural: "events", "transactions", "folds", "commands", "frames". */
  unit: string;
  /** How many displayed units one unit of work is (a transaction of 10 events counts as 10 events); default 1. */
  scale?: number;
  contenders: Contender[];
  /** Ratios reported without a target (targets' ratios are always reported). */
  extraRatios?: RatioSpec[];
  /** Overrides the run's rounds for this comparison. */
  rounds?: number;
  /** Overrides the run's sample length (ms) for this comparison. */
  sampleMs?: number;
}

/** A ratio target from the issues: median of the per-round ratios must reach it. */
export interface RatioTarget extends RatioSpec {
  kind: "ratio";
  comparison: string;
  atLeast?: number;
  atMost?: number;
  /** Where the target was set, e.g. "issue #9". */
  source: string;
}

/** A target on an absolute value a suite measures (e.g. a server's RSS). */
export interface ValueTarget {
  kind: "value";
  /** Id of a ValueResult the suite reports. */
  value: string;
  atLeast?: number;
  atMost?: number;
  source: string;
}

export type Target = RatioTarget | ValueTarget;

/** An absolute measurement a suite reports beside its comparisons. */
export interface ValueResult {
  id: string;
  title: string;
  unit: string;
  value: number;
}

export interface SuiteContext {
  rounds: number;
  sampleMs: number;
  /** A fresh directory for this suite's files, removed after the suite. */
  tmpDir: string;
  /** A path in tmpDir that no other call returned, e.g. newFile("bare.db") → ".../3-bare.db". */
  newFile(name: string): string;
  log(message: string): void;
}

export interface Suite {
  /** CLI name: `npm run bench -- <name>`. */
  name: string;
  title: string;
  /** Declared beside the suite so `--check` knows them even when the suite is skipped. */
  targets: Target[];
  /** undefined when the suite can run; otherwise why it cannot, naming the missing prerequisite. */
  prerequisite(): Promise<string | undefined> | string | undefined;
  comparisons(ctx: SuiteContext): Comparison[] | Promise<Comparison[]>;
  /** Absolute measurements (e.g. the studio server's RSS), taken after the comparisons. */
  values?(ctx: SuiteContext): ValueResult[] | Promise<ValueResult[]>;
  /** Removes what the suite left outside its tmpDir (e.g. broker topics); runs even when it failed. */
  cleanup?(): void | Promise<void>;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface ContenderResult {
  key: string;
  label: string;
  /** Units per call, chosen by calibration so a call lasts about the sample length. */
  unitsPerSample: number;
  /** Units per second, one per round. */
  rates: number[];
  rate: Spread;
}

export interface RatioResult extends RatioSpec {
  perRound: number[];
  ratio: Spread;
}

export interface MissingContender {
  key: string;
  label: string;
  reason: string;
}

export interface ComparisonResult {
  id: string;
  title: string;
  unit: string;
  rounds: number;
  contenders: ContenderResult[];
  /** Contenders that could not run here; ratios involving them are left out. */
  missing: MissingContender[];
  ratios: RatioResult[];
}

export type SuiteStatus = "measured" | "skipped" | "failed";

export interface SuiteResult {
  name: string;
  title: string;
  status: SuiteStatus;
  /** Why it was skipped or how it failed. */
  reason?: string;
  startedAt: string;
  durationMs: number;
  /** Peak resident set size of the suite's own process (MB). */
  peakRssMb: number;
  /** 1-minute load average before and after: other work on the machine shows here. */
  loadAverage: { before: number; after: number };
  targets: Target[];
  comparisons: ComparisonResult[];
  values: ValueResult[];
}
