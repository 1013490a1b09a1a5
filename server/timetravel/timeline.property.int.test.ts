// Issue #7, item 6: for 1,000 random positions of a 100,000-event run, the
// state the timeline shows equals a fresh fold of the log up to that position.
// Positions are drawn by fast-check (seeded); the fresh fold is one pass over
// the log that hashes its view at each drawn position (testing/freshFold.ts).

import { createHash } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunStore, type RunStore } from "../store";
import { createTempDatabase, type TempDatabase } from "../store/testing/tempDatabase";
import type { WorldView } from "./kernel/view";
import { freshFold } from "./testing/freshFold";
import { syntheticSystem, writeSyntheticRun } from "./testing/syntheticRun";
import { openTimeline } from "./timeline";

const EVENTS = 100_000;
const POSITIONS = 1_000;

let database: TempDatabase;
let store: RunStore;
beforeAll(() => {
  database = createTempDatabase();
  store = createRunStore(database.db, "synthetic");
  writeSyntheticRun(store, { events: EVENTS, accounts: 200, orders: 200, seed: 42 });
}, 600_000);
afterAll(() => database.cleanup());

/**
 * The view's JSON, hashed. Sections come sorted from viewOf and both folds build
 * records field by field in the same order, so equal worlds give equal text; a
 * difference in field order alone would fail the test loudly, never pass it wrongly.
 */
const hash = (view: WorldView) => createHash("sha1").update(JSON.stringify(view)).digest("hex");

describe("time travel on a 100,000-event run", () => {
  // The timeout only guards a machine shared with other work; nothing here measures time.
  it("Given 1,000 random positions, When the timeline shows each (in random order), Then every state equals a fresh fold of the log up to it", { timeout: 600_000 }, async () => {
    const timeline = openTimeline(store, syntheticSystem, { definitionKey: "property" });
    expect(timeline.length).toBeGreaterThanOrEqual(EVENTS);
    const positions = fc.sample(fc.integer({ min: 0, max: timeline.length }), { numRuns: POSITIONS, seed: 7 });

    const expected = new Map<number, string>();
    await freshFold(store, syntheticSystem, [...new Set(positions)].sort((a, b) => a - b), (index, view) => expected.set(index, hash(view)));

    const mismatches: number[] = [];
    let inFlight = 0;
    for (const index of positions) {
      const { world } = await timeline.stateAt(index);
      if (hash(world) !== expected.get(index)) mismatches.push(index);
      if (world.queues.outbox.length > 0 && Object.keys(world.sagas).length > 0) inFlight++;
    }
    expect(mismatches).toEqual([]);
    // The run is not trivially quiet at event boundaries: messages and sagas are caught in flight.
    expect(inFlight).toBeGreaterThan(POSITIONS / 2);
    expect((await timeline.buildKeyframes({ budgetMs: 0 })).keyframes).toBeGreaterThan(10);
  });
});
