// Suite `read-all`: reading a 100,000-event log (1,000 streams) in commit order in
// pages of 1,000, as a projection or relay catching up does: Eventloom's readAll
// vs bare better-sqlite3 vs emmett-sqlite's readMessagesBatch. A unit is a page.

import { openBareStore } from "../baselines/bareStore";
import { emmettBusyRetries, emmettUnavailable, loadEmmettStreams, openEmmettReader, PEER_ROUNDS } from "../baselines/emmettStore";
import { createEventSource } from "../fixtures/bankEvents";
import { BENCH_RUN, openEventloomStore } from "../fixtures/eventloomStore";
import type { Contender, Runner, Suite } from "../harness/types";

const LOG_EVENTS = 100_000;
const STREAMS = 1000;
const EVENTS_PER_STREAM = LOG_EVENTS / STREAMS;
const PAGE = 1000;

interface Page {
  count: number;
  last: number;
}

/**
 * Checks one full pass reads the whole log, then does one page per unit of work,
 * going back to the start after the last page (the log stays 100,000 events deep
 * while a sample stays short).
 */
async function pagingRunner(who: string, readPage: (after: number) => Page | Promise<Page>, close: () => void): Promise<Runner> {
  let total = 0;
  for (let page = await readPage(0); page.count > 0; page = await readPage(page.last)) total += page.count;
  if (total !== LOG_EVENTS) throw new Error(`${who} read ${total} events, expected ${LOG_EVENTS}`);
  let cursor = 0;
  return {
    async run(units) {
      for (let u = 0; u < units; u++) {
        let page = await readPage(cursor);
        if (page.count === 0) page = await readPage(0);
        cursor = page.last;
      }
    },
    close,
  };
}

const pageOf = (events: readonly { position: number }[], after: number): Page => ({ count: events.length, last: events.at(-1)?.position ?? after });

const eventloom: Contender = {
  key: "eventloom",
  label: "Eventloom store (readAll)",
  open(ctx) {
    const { store, close } = openEventloomStore(ctx.newFile("eventloom.db"));
    const source = createEventSource("e");
    for (let s = 0; s < STREAMS; s++) store.events.appendToStream(`account-${s}`, source.batch(EVENTS_PER_STREAM), { expectedVersion: "no-stream", now: s });
    return pagingRunner("Eventloom", (after) => pageOf(store.events.readAll({ after, limit: PAGE }), after), close);
  },
};

const bare: Contender = {
  key: "bare",
  label: "bare better-sqlite3",
  open(ctx) {
    const store = openBareStore(ctx.newFile("bare.db"), BENCH_RUN);
    const source = createEventSource("e");
    for (let s = 0; s < STREAMS; s++) store.append(`account-${s}`, 1, source.batch(EVENTS_PER_STREAM), s);
    return pagingRunner("bare", (after) => pageOf(store.readPage(after, PAGE), after), () => store.close());
  },
};

const emmett: Contender = {
  key: "emmett",
  label: "emmett-sqlite 0.38.5 (readMessagesBatch)",
  unavailable: emmettUnavailable,
  async open(ctx) {
    const file = ctx.newFile("emmett.db");
    const source = createEventSource("e");
    await loadEmmettStreams(
      file,
      Array.from({ length: STREAMS }, (_, s) => ({ streamName: `account-${s}`, events: source.batch(EVENTS_PER_STREAM) })),
    );
    const reader = await openEmmettReader(file);
    return pagingRunner("emmett-sqlite", (after) => reader.readPage(after, PAGE), () => reader.close());
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
      scale: PAGE,
      contenders: [eventloom, bare],
      extraRatios: [{ of: "eventloom", vs: "bare", basis: "rate" }],
    },
    {
      id: "read-all-peer",
      title: "read 100,000 events in pages of 1,000, with the peer",
      unit: "events",
      scale: PAGE,
      rounds: PEER_ROUNDS,
      contenders: [eventloom, emmett, bare],
      extraRatios: [{ of: "emmett", vs: "bare", basis: "rate" }],
    },
  ],
};
