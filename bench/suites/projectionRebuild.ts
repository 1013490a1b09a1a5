// Suite `projection-rebuild`: the engine rebuilding the balances projection of
// server/core/testing/bank from an empty read model over a 10,000-event log
// (clear rows and checkpoint, then catch up in fast mode), against the bare
// better-sqlite3 read-and-fold rate of the read-fold suite.

import { balancesProjection } from "../../server/core/testing/bank";
import { createEngine } from "../../server/runtime";
import { bankSystem } from "../../server/runtime/testing/systems";
import { createEventSource } from "../fixtures/bankEvents";
import { openEventloomStore } from "../fixtures/eventloomStore";
import type { Contender, Suite } from "../harness/types";
import { bare as bareReadAndFold, STREAM_EVENTS } from "./readFold";

const ACCOUNTS = 100;
const EVENTS_PER_ACCOUNT = 100;
const LOG_EVENTS = ACCOUNTS * EVENTS_PER_ACCOUNT;

const eventloom: Contender = {
  key: "eventloom",
  label: "Eventloom engine (rebuildProjection, run to idle)",
  async open(ctx) {
    const { store, close } = openEventloomStore(ctx.newFile("eventloom.db"));
    const source = createEventSource("e");
    for (let a = 0; a < ACCOUNTS; a++) {
      store.events.appendToStream(`account-${a}`, source.batch(EVENTS_PER_ACCOUNT), { expectedVersion: "no-stream", now: a });
    }
    const engine = createEngine({ definition: bankSystem({ consumers: [], services: [] }), store, seed: 1 });
    const rebuild = async () => {
      engine.rebuildProjection(balancesProjection.name);
      await engine.runUntilIdle();
      const position = engine.projectionPosition(balancesProjection.name);
      const rows = store.projections.count(balancesProjection.name);
      if (position !== LOG_EVENTS || rows !== ACCOUNTS) throw new Error(`rebuild reached position ${position} with ${rows} rows, expected ${LOG_EVENTS} and ${ACCOUNTS}`);
    };
    await rebuild();
    return {
      async run(units) {
        for (let u = 0; u < units; u++) await rebuild();
      },
      async close() {
        await engine.close();
        close();
      },
    };
  },
};

export const projectionRebuildSuite: Suite = {
  name: "projection-rebuild",
  title: "Projection rebuild from zero over a 10,000-event log vs the bare read-and-fold rate",
  targets: [{ kind: "ratio", comparison: "projection-rebuild", of: "eventloom", vs: "bare", basis: "rate", atLeast: 0.5, source: "issue #9" }],
  prerequisite: () => undefined,
  comparisons: () => [
    {
      id: "projection-rebuild",
      title: "events projected per second vs events read and folded per second (bare, 100,000-event stream)",
      unit: "events",
      contenders: [
        { ...eventloom, scale: LOG_EVENTS },
        { ...bareReadAndFold, scale: STREAM_EVENTS },
      ],
    },
  ],
};
