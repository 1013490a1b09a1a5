// Suite `append`: appending 1, 10, 100 and 1000 events per transaction with the
// concurrency check (exact expected version), round-robin over 100 streams:
// Eventloom's store vs bare better-sqlite3 vs emmett-sqlite.

import { openBareStore } from "../baselines/bareStore";
import { emmettBusyRetries, emmettUnavailable, loadEmmett, PEER_ROUNDS, retryingBusy, toEmmettEvents } from "../baselines/emmettStore";
import { createEventSource } from "../fixtures/bankEvents";
import { BENCH_RUN, openEventloomStore } from "../fixtures/eventloomStore";
import type { Comparison, Contender, RatioTarget, Suite } from "../harness/types";

const STREAMS = 100;
const BATCHES = [
  { size: 1, ofBare: 0.7 },
  { size: 10, ofBare: 0.85 },
  { size: 100, ofBare: 0.9 },
  { size: 1000, ofBare: 0.9 },
] as const;

const streamOf = (tx: number) => `account-${tx % STREAMS}`;
/**
 * Large transactions fill SQLite's 1,000-page WAL in a few dozen commits, and the
 * checkpoint that follows (with its fsyncs) lands in one sample or another:
 * longer samples for them, so most samples carry their share.
 */
const sampleMsFor = (size: number) => (size >= 100 ? 300 : undefined);

function eventloom(size: number): Contender {
  return {
    key: "eventloom",
    label: "Eventloom store",
    open(ctx) {
      const { store, close } = openEventloomStore(ctx.newFile(`eventloom-${size}.db`));
      const source = createEventSource("e");
      const versions = new Array<number>(STREAMS).fill(0);
      let tx = 0;
      return {
        run(units) {
          for (let u = 0; u < units; u++, tx++) {
            const stream = tx % STREAMS;
            const result = store.events.appendToStream(streamOf(tx), source.batch(size), { expectedVersion: versions[stream]!, now: tx });
            versions[stream] = result.nextExpectedVersion;
          }
        },
        close,
      };
    },
  };
}

/** Bare better-sqlite3 appending `size` events per transaction (also the command suite's yardstick). */
export function bare(size: number): Contender {
  return {
    key: "bare",
    label: "bare better-sqlite3",
    open(ctx) {
      const store = openBareStore(ctx.newFile(`bare-${size}.db`), BENCH_RUN);
      const source = createEventSource("e");
      const versions = new Array<number>(STREAMS).fill(0);
      let tx = 0;
      return {
        run(units) {
          for (let u = 0; u < units; u++, tx++) {
            const stream = tx % STREAMS;
            store.append(streamOf(tx), versions[stream]! + 1, source.batch(size), tx);
            versions[stream]! += size;
          }
        },
        close: () => store.close(),
      };
    },
  };
}

function emmett(size: number): Contender {
  return {
    key: "emmett",
    label: "emmett-sqlite 0.38.5",
    unavailable: emmettUnavailable,
    async open(ctx) {
      const { getSQLiteEventStore } = await loadEmmett();
      const store = getSQLiteEventStore({ fileName: ctx.newFile(`emmett-${size}.db`) });
      const source = createEventSource("e");
      const versions = new Array<bigint>(STREAMS).fill(0n);
      let tx = 0;
      return {
        async run(units) {
          for (let u = 0; u < units; u++, tx++) {
            const stream = tx % STREAMS;
            const events = toEmmettEvents(source.batch(size));
            const expectedStreamVersion = versions[stream]!;
            const result = await retryingBusy(() => store.appendToStream(streamOf(tx), events, { expectedStreamVersion }));
            versions[stream] = result.nextExpectedStreamVersion;
          }
        },
      };
    },
  };
}

export const appendSuite: Suite = {
  name: "append",
  title: "Store append at 1, 10, 100 and 1000 events per transaction, with the concurrency check",
  targets: BATCHES.flatMap(({ size, ofBare }): RatioTarget[] => [
    { kind: "ratio", comparison: `append-${size}`, of: "eventloom", vs: "bare", basis: "rate", atLeast: ofBare, source: "issue #9" },
    { kind: "ratio", comparison: `append-${size}-peer`, of: "eventloom", vs: "emmett", basis: "rate", atLeast: 1, source: "issue #9: ahead of emmett-sqlite" },
  ]),
  prerequisite: () => undefined,
  values: emmettBusyRetries,
  comparisons: () =>
    BATCHES.flatMap(({ size }): Comparison[] => {
      const title = `${size} event${size === 1 ? "" : "s"} per transaction`;
      return [
        { id: `append-${size}`, title, unit: "events", scale: size, sampleMs: sampleMsFor(size), contenders: [eventloom(size), bare(size)] },
        {
          id: `append-${size}-peer`,
          title: `${title}, with the peer`,
          unit: "events",
          scale: size,
          rounds: PEER_ROUNDS,
          sampleMs: sampleMsFor(size),
          contenders: [eventloom(size), emmett(size), bare(size)],
          extraRatios: [{ of: "emmett", vs: "bare", basis: "rate" }],
        },
      ];
    }),
};
