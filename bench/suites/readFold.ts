// Suite `read-fold`: reading one 100,000-event stream and folding it into a state
// (what loading an aggregate does): Eventloom's foldStream vs bare better-sqlite3
// vs emmett-sqlite's aggregateStream.

import { openBareStore } from "../baselines/bareStore";
import { emmettBusyRetries, emmettUnavailable, loadEmmett, loadEmmettStreams, PEER_ROUNDS } from "../baselines/emmettStore";
import { createEventSource, EMPTY_BALANCE, foldBalance, type Balance } from "../fixtures/bankEvents";
import { BENCH_RUN, openEventloomStore } from "../fixtures/eventloomStore";
import type { Contender, Suite } from "../harness/types";

export const STREAM_EVENTS = 100_000;
const LOAD_BATCH = 1000;
const STREAM = "account-1";

function expectFolded(state: Balance, who: string): void {
  if (state.deposits !== STREAM_EVENTS) throw new Error(`${who} folded ${state.deposits} events, expected ${STREAM_EVENTS}`);
}

const eventloom: Contender = {
  key: "eventloom",
  label: "Eventloom store (foldStream)",
  open(ctx) {
    const { store, close } = openEventloomStore(ctx.newFile("eventloom.db"));
    const source = createEventSource("e");
    for (let version = 0; version < STREAM_EVENTS; version += LOAD_BATCH) {
      store.events.appendToStream(STREAM, source.batch(LOAD_BATCH), { expectedVersion: version, now: version });
    }
    const fold = () => store.events.foldStream<Balance>(STREAM, 0, EMPTY_BALANCE, (s, type, data) => foldBalance(s, type, data)).state;
    expectFolded(fold(), "Eventloom");
    return {
      run(units) {
        for (let u = 0; u < units; u++) fold();
      },
      close,
    };
  },
};

/** Bare better-sqlite3 reading and folding the stream (also the projection-rebuild suite's yardstick). */
export const bare: Contender = {
  key: "bare",
  label: "bare better-sqlite3",
  open(ctx) {
    const store = openBareStore(ctx.newFile("bare.db"), BENCH_RUN);
    const source = createEventSource("e");
    for (let version = 0; version < STREAM_EVENTS; version += LOAD_BATCH) store.append(STREAM, version + 1, source.batch(LOAD_BATCH), version);
    const fold = () => store.fold(STREAM, EMPTY_BALANCE, foldBalance);
    expectFolded(fold(), "bare");
    return {
      run(units) {
        for (let u = 0; u < units; u++) fold();
      },
      close: () => store.close(),
    };
  },
};

const emmett: Contender = {
  key: "emmett",
  label: "emmett-sqlite 0.38.5 (aggregateStream)",
  unavailable: emmettUnavailable,
  async open(ctx) {
    const file = ctx.newFile("emmett.db");
    const source = createEventSource("e");
    await loadEmmettStreams(
      file,
      Array.from({ length: STREAM_EVENTS / LOAD_BATCH }, () => ({ streamName: STREAM, events: source.batch(LOAD_BATCH) })),
    );
    const { getSQLiteEventStore } = await loadEmmett();
    const store = getSQLiteEventStore({ fileName: file });
    const fold = async () =>
      (
        await store.aggregateStream(STREAM, {
          evolve: (s: Balance, event: { type: string; data: Record<string, unknown> }) => foldBalance(s, event.type, event.data as never),
          initialState: () => EMPTY_BALANCE,
        })
      ).state;
    expectFolded(await fold(), "emmett-sqlite");
    return {
      async run(units) {
        for (let u = 0; u < units; u++) await fold();
      },
    };
  },
};

export const readFoldSuite: Suite = {
  name: "read-fold",
  title: "Read and fold a 100,000-event stream",
  targets: [
    { kind: "ratio", comparison: "read-fold", of: "eventloom", vs: "bare", basis: "rate", atLeast: 0.8, source: "issue #9" },
    { kind: "ratio", comparison: "read-fold-peer", of: "eventloom", vs: "emmett", basis: "rate", atLeast: 1, source: "issue #9: ahead of emmett-sqlite" },
  ],
  prerequisite: () => undefined,
  values: emmettBusyRetries,
  comparisons: () => [
    { id: "read-fold", title: "fold a 100,000-event stream", unit: "events", scale: STREAM_EVENTS, contenders: [eventloom, bare] },
    {
      id: "read-fold-peer",
      title: "fold a 100,000-event stream, with the peer",
      unit: "events",
      scale: STREAM_EVENTS,
      rounds: PEER_ROUNDS,
      contenders: [eventloom, emmett, bare],
      extraRatios: [{ of: "emmett", vs: "bare", basis: "rate" }],
    },
  ],
};
