// Suite `time-travel`: in the replay view's timeline (server/timetravel), jumping
// to a random position of a run whose keyframes are built, against a full replay
// from zero (a fresh timeline without keyframes folding every event), as a time
// ratio; then the server side of scrubbing (stateAt while a slider drags, one
// step at a time) and the keyframes' size. The run is written straight into the
// store with the trace hops the runtime writes around each event
// (server/timetravel/testing/syntheticRun.ts): bank accounts with retries and
// dead letters, orders with the fulfilment saga, so a replay folds the queues
// and sagas too. Its size is BENCH_TIME_TRAVEL_EVENTS (default 50,000): the
// issue's 1,000,000 takes many minutes to write and fold here, beyond the budget
// of `npm run bench`; run it with BENCH_TIME_TRAVEL_EVENTS=1000000.

import { seededRandom } from "../../server/core/random";
import { openTimeline, type Timeline } from "../../server/timetravel";
import { syntheticSystem, writeSyntheticRun } from "../../server/timetravel/testing/syntheticRun";
import { openEventloomStore, type OpenedEventloomStore } from "../fixtures/eventloomStore";
import type { Contender, Suite, SuiteContext, ValueResult } from "../harness/types";

const RUN_EVENTS = Number(process.env.BENCH_TIME_TRAVEL_EVENTS ?? 50_000);
const AT_ISSUE_SIZE = RUN_EVENTS >= 1_000_000;
const RUN = { events: RUN_EVENTS, accounts: 1_000, orders: 200, seed: 9 };
const DEFINITION_KEY = "bench";
const values: ValueResult[] = [];

/** One shared run for both contenders (written once per suite process). */
let run: OpenedEventloomStore | undefined;
function theRun(ctx: SuiteContext): OpenedEventloomStore {
  if (run) return run;
  const opened = openEventloomStore(ctx.newFile("run.db"));
  const start = performance.now();
  writeSyntheticRun(opened.store, RUN);
  ctx.log(`time-travel: wrote the ${RUN_EVENTS.toLocaleString("en-US")}-event run in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  run = opened;
  return opened;
}

async function builtTimeline(ctx: SuiteContext): Promise<Timeline> {
  const { store } = theRun(ctx);
  const timeline = openTimeline(store, syntheticSystem, { definitionKey: DEFINITION_KEY });
  const start = performance.now();
  for (let progress = await timeline.buildKeyframes({ budgetMs: 10_000 }); !progress.done; ) progress = await timeline.buildKeyframes({ budgetMs: 10_000 });
  const seconds = (performance.now() - start) / 1000;
  values.push({ id: "keyframes-build-s", title: `Building the keyframes of the ${RUN_EVENTS.toLocaleString("en-US")}-event run`, unit: "s", value: seconds });
  if (timeline.length < RUN_EVENTS) throw new Error(`the timeline holds ${timeline.length} events, expected ${RUN_EVENTS}`);
  return timeline;
}

const jump: Contender = {
  key: "jump",
  label: "jump to a random position (keyframes built)",
  async open(ctx) {
    const timeline = await builtTimeline(ctx);
    const random = seededRandom(9);
    return {
      async run(units) {
        for (let u = 0; u < units; u++) await timeline.stateAt(random.int(timeline.length + 1));
      },
    };
  },
};

const replayMs: number[] = [];

const replay: Contender = {
  key: "replay",
  label: "full replay from zero (no keyframes)",
  calibrate: false,
  open(ctx) {
    const { store } = theRun(ctx);
    return {
      async run(units) {
        for (let u = 0; u < units; u++) {
          const start = performance.now();
          const timeline = openTimeline(store, syntheticSystem, { keyframes: false, cachedSteps: 0 });
          const state = await timeline.stateAt(timeline.length);
          replayMs.push(performance.now() - start);
          if (state.index < RUN_EVENTS) throw new Error(`the replay stopped at ${state.index}`);
        }
      },
    };
  },
};

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

/** Times `count` calls of `call(i)` one by one; their median in ms. */
async function medianMs(count: number, call: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call(i);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Latencies of the calls the replay view makes: a jump, a step, a slider drag (server side only). */
async function latencies(ctx: SuiteContext): Promise<ValueResult[]> {
  const { store } = theRun(ctx);
  // A first visit of the recorded run: a fresh timeline asked for the world at the end (its keyframes
  // were built while it recorded, as server/runs/keyframeBuilder does; without them this is a full replay).
  const openStart = performance.now();
  const timeline = openTimeline(store, syntheticSystem, { definitionKey: DEFINITION_KEY });
  await timeline.stateAt(timeline.length);
  const firstOpenMs = performance.now() - openStart;
  const random = seededRandom(21);
  const jumpMs = await medianMs(100, () => timeline.stateAt(random.int(timeline.length + 1)));
  const from = Math.floor(timeline.length / 3);
  await timeline.stateAt(from);
  const backMs = await medianMs(200, (i) => timeline.stateAt(from - 1 - i));
  const forwardMs = await medianMs(200, (i) => timeline.stateAt(from - 200 + i));
  // A drag: the slider moves a few events at a time, forwards and back, as a hand does.
  let at = Math.floor(timeline.length / 2);
  const dragStart = performance.now();
  const DRAG = 300;
  for (let i = 0; i < DRAG; i++) {
    at = Math.min(timeline.length, Math.max(0, at + (i % 100 < 60 ? 1 : -1) * (1 + random.int(8))));
    await timeline.stateAt(at);
  }
  const dragPerSecond = (DRAG * 1000) / (performance.now() - dragStart);
  const keyframes = store.db
    .prepare<[string], { count: number; bytes: number }>("SELECT COUNT(*) AS count, COALESCE(SUM(length(state)), 0) AS bytes FROM timeline_keyframes WHERE run_id = ?")
    .get(store.runId)!;
  const worldBytes = JSON.stringify((await timeline.stateAt(timeline.length)).world).length;
  return [
    { id: "first-open-ms", title: "Opening the run at its last event with its keyframes built (a fresh timeline, as a first visit)", unit: "ms", value: firstOpenMs },
    { id: "jump-ms", title: "stateAt after a jump to a random position, median", unit: "ms", value: jumpMs },
    { id: "step-back-ms", title: "stateAt one event back, median", unit: "ms", value: backMs },
    { id: "step-forward-ms", title: "stateAt one event forward, median", unit: "ms", value: forwardMs },
    { id: "drag-updates-per-s", title: "stateAt calls per second while a slider drags (1 to 8 events per move)", unit: "updates/s", value: dragPerSecond },
    { id: "keyframes-mb", title: `Keyframes stored (${keyframes.count} of them)`, unit: "MB", value: keyframes.bytes / 1e6 },
    { id: "world-kb", title: "The world at the last event, as JSON", unit: "kB", value: worldBytes / 1000 },
  ];
}

function replayRate(): ValueResult[] {
  if (replayMs.length === 0) return [];
  return [{ id: "replay-events-per-s", title: "Full replay from zero, fastest", unit: "events/s", value: (RUN_EVENTS * 1000) / Math.min(...replayMs) }];
}

export const timeTravelSuite: Suite = {
  name: "time-travel",
  title: `Time-travel jump to a random position in a ${RUN_EVENTS.toLocaleString("en-US")}-event run vs a full replay from zero (the issue's run: 1,000,000 events)`,
  // The 1% is the issue's figure for a 1,000,000-event run: a jump costs about what
  // the world weighs, a replay what the log weighs, so a smaller run shows the ratio without a verdict.
  targets: [
    ...(AT_ISSUE_SIZE ? [{ kind: "ratio", comparison: "jump", of: "jump", vs: "replay", basis: "time", atMost: 0.01, source: "issue #7" } as const] : []),
    { kind: "value", value: "drag-updates-per-s", atLeast: 30, source: "issue #7 (server side of scrubbing)" },
  ],
  prerequisite: () => undefined,
  comparisons: () => [
    {
      id: "jump",
      title: `stateAt in a ${RUN_EVENTS.toLocaleString("en-US")}-event run`,
      unit: "states",
      rounds: 1,
      sampleMs: 1000,
      contenders: [jump, replay],
      ...(AT_ISSUE_SIZE ? {} : { extraRatios: [{ of: "jump", vs: "replay", basis: "time" } as const] }),
    },
  ],
  values: async (ctx) => [...values, ...replayRate(), ...(await latencies(ctx))],
  cleanup() {
    run?.close();
  },
};
