// Suite `time-travel`: in the replay view's timeline (server/timetravel), jumping
// to a random position of a run whose keyframes are built, against a full replay
// from zero (a fresh timeline without keyframes folding every event), as a time
// ratio. The run: bank deposits over 1,000 accounts, appended straight to the log.
// Its size is BENCH_TIME_TRAVEL_EVENTS (default 50,000): the 1,000,000
// takes minutes to fold here (the keyframes once, then each replay), beyond the
// budget of `npm run bench`; run it with BENCH_TIME_TRAVEL_EVENTS=1000000.

import { seededRandom } from "../../server/core/random";
import { bankSystem } from "../../server/runtime/testing/systems";
import { openTimeline } from "../../server/timetravel";
import { createEventSource } from "../fixtures/bankEvents";
import { openEventloomStore, type OpenedEventloomStore } from "../fixtures/eventloomStore";
import type { Contender, Suite, SuiteContext, ValueResult } from "../harness/types";

const RUN_EVENTS = Number(process.env.BENCH_TIME_TRAVEL_EVENTS ?? 50_000);
const ACCOUNTS = 1000;
const PER_APPEND = 100;
const definition = bankSystem({ consumers: [], services: [] });
const values: ValueResult[] = [];

/** One shared run for both contenders (built once per suite process). */
let run: OpenedEventloomStore | undefined;
function theRun(ctx: SuiteContext): OpenedEventloomStore {
  if (run) return run;
  const opened = openEventloomStore(ctx.newFile("run.db"));
  const source = createEventSource("e");
  const versions = new Array<number>(ACCOUNTS).fill(0);
  for (let i = 0; i < RUN_EVENTS / PER_APPEND; i++) {
    const account = i % ACCOUNTS;
    opened.store.events.appendToStream(`account-a${account}`, source.batch(PER_APPEND), { expectedVersion: versions[account]!, now: i });
    versions[account]! += PER_APPEND;
  }
  run = opened;
  return opened;
}

const jump: Contender = {
  key: "jump",
  label: "jump to a random position (keyframes built)",
  async open(ctx) {
    const { store } = theRun(ctx);
    const timeline = openTimeline(store, definition);
    const start = performance.now();
    for (let progress = await timeline.buildKeyframes({ budgetMs: 10_000 }); !progress.done; ) {
      progress = await timeline.buildKeyframes({ budgetMs: 10_000 });
    }
    values.push({ id: "keyframes-build-s", title: `Building the keyframes of the ${RUN_EVENTS.toLocaleString("en-US")}-event run`, unit: "s", value: (performance.now() - start) / 1000 });
    if (timeline.length !== RUN_EVENTS) throw new Error(`the timeline holds ${timeline.length} events, expected ${RUN_EVENTS}`);
    const random = seededRandom(9);
    return {
      async run(units) {
        for (let u = 0; u < units; u++) await timeline.stateAt(1 + random.int(RUN_EVENTS));
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
          const state = await openTimeline(store, definition, { keyframes: false, cachedSteps: 0 }).stateAt(RUN_EVENTS);
          replayMs.push(performance.now() - start);
          if (state.index !== RUN_EVENTS) throw new Error(`the replay stopped at ${state.index}`);
        }
      },
    };
  },
};

function replayRate(): ValueResult[] {
  if (replayMs.length === 0) return [];
  return [{ id: "replay-events-per-s", title: "Full replay from zero, fastest", unit: "events/s", value: (RUN_EVENTS * 1000) / Math.min(...replayMs) }];
}

export const timeTravelSuite: Suite = {
  name: "time-travel",
  title: `Time-travel jump to a random position in a ${RUN_EVENTS.toLocaleString("en-US")}-event run vs a full replay from zero (the issue's run: 1,000,000 events)`,
  targets: [{ kind: "ratio", comparison: "jump", of: "jump", vs: "replay", basis: "time", atMost: 0.01, source: "issue #9" }],
  prerequisite: () => undefined,
  comparisons: () => [
    {
      id: "jump",
      title: `stateAt in a ${RUN_EVENTS.toLocaleString("en-US")}-event run`,
      unit: "states",
      rounds: 1,
      sampleMs: 1000,
      contenders: [jump, replay],
    },
  ],
  values: () => [...values, ...replayRate()],
  cleanup() {
    run?.close();
  },
};
