// Suite `read-all`: reading a 100,000-event log (1,000 streams) from the start in
// pages of 1,000, as a projection or relay catching up does: Eventloom's readAll
// vs bare better-sqlite3 vs emmett-sqlite's readMessagesBatch.

import { openBareStore } from "../baselines/bareStore";
import { emmettBusyRetries, emmettUnavailable, loadEmmett, openEmmettReader, PEER_ROUNDS, retryingBusy, toEmmettEvents } from "../baselines/emmettStore";
import { createEventSource } from "../fixtures/bankEvents";
import { BENCH_RUN, openEventloomStore } from "../fixtures/eventloomStore";
import type { Contender, Suite } from "../harness/types";

const LOG_EVENTS = 100_000;
const STREAMS = 1000;
const EVENTS_PER_STREAM = LOG_EVENTS / STREAMS;
const PAGE = 1000;

function expectRead(count: number, who: string): void {
  if (count !== LOG_EVENTS) throw new Error(`${who} read ${count} events, expected ${LOG_EVENTS}`);
}

const eventloom: Contender = {
  key: "eventloom",
  label: "Eventloom store (readAll)",
  open(ctx) {
    const { store, close } = openEventloomStore(ctx.newFile("eventloom.db"));
    const source = createEventSource("e");
    for (let s = 0; s < STREAMS; s++) store.events.appendToStream(`account-${s}`, source.batch(EVENTS_PER_STREAM), { expectedVersion: "no-stream", now: s });
    const readAll = () => {
      let count = 0;
      for (let after = 0, page = store.events.readAll({ after, limit: PAGE }); page.length > 0; page = store.events.readAll({ after, limit: PAGE })) {
        count += page.length;
        after = page[page.length - 1]!.position;
      }
      return count;
    };
    expectRead(readAll(), "Eventloom");
    return {
      run(units) {
        for (let u = 0; u < units; u++) readAll();
      },
      close,
    };
  },
};

const bare: Contender = {
  key: "bare",
  label: "bare better-sqlite3",
  open(ctx) {
    const store = openBareStore(ctx.newFile("bare.db"), BENCH_RUN);
    const source = createEventSource("e");
    for (let s = 0; s < STREAMS; s++) store.append(`account-${s}`, 1, source.batch(EVENTS_PER_STREAM), s);
    const readAll = () => {
      let count = 0;
      for (let after = 0, page = store.readPage(after, PAGE); page.length > 0; page = store.readPage(after, PAGE)) {
        count += page.length;
        after = page[page.length - 1]!.position;
      }
      return count;
    };
    expectRead(readAll(), "bare");
    return {
      run(units) {
        for (let u = 0; u < units; u++) readAll();
      },
      close: () => store.close(),
    };
  },
};

const emmett: Contender = {
  key: "emmett",
  label: "emmett-sqlite 0.38.5 (readMessagesBatch)",
  unavailable: emmettUnavailable,
  async open(ctx) {
    const file = ctx.newFile("emmett.db");
    const { getSQLiteEventStore } = await loadEmmett();
    const store = getSQLiteEventStore({ fileName: file });
    const source = createEventSource("e");
    for (let s = 0; s < STREAMS; s++) {
      const events = toEmmettEvents(source.batch(EVENTS_PER_STREAM));
      await retryingBusy(() => store.appendToStream(`account-${s}`, events, { expectedStreamVersion: 0n }));
    }
    const reader = await openEmmettReader(file);
    const readAll = async () => {
      let count = 0;
      for (let after = 0, page = await reader.readPage(after, PAGE); page.count > 0; page = await reader.readPage(after, PAGE)) {
        count += page.count;
        after = page.last;
      }
      return count;
    };
    expectRead(await readAll(), "emmett-sqlite");
    return {
      async run(units) {
        for (let u = 0; u < units; u++) await readAll();
      },
      close: () => reader.close(),
    };
  },
};

export const readAllSuite: Suite = {
  name: "read-all",
  title: "Read all of a 100,000-event log in pages of 1,000",
  targets: [
    { kind: "ratio", comparison: "read-all-peer", of: "eventloom", vs: "emmett", basis: "rate", atLeast: 1, source: "issue #9: ahead of emmett-sqlite" },
  ],
  prerequisite: () => undefined,
  values: emmettBusyRetries,
  comparisons: () => [
    {
      id: "read-all",
      title: "read 100,000 events in pages of 1,000",
      unit: "events",
      scale: LOG_EVENTS,
      contenders: [eventloom, bare],
      extraRatios: [{ of: "eventloom", vs: "bare", basis: "rate" }],
    },
    {
      id: "read-all-peer",
      title: "read 100,000 events in pages of 1,000, with the peer",
      unit: "events",
      scale: LOG_EVENTS,
      rounds: PEER_ROUNDS,
      contenders: [eventloom, emmett, bare],
      extraRatios: [{ of: "emmett", vs: "bare", basis: "rate" }],
    },
  ],
};
