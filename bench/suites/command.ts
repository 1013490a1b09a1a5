// Suite `command`: commands end to end in fast mode through the engine (load the
// aggregate, decide, append with the outbox, relay, project) on the hand-written
// domains of server/core/testing: bank-account deposits vs bare better-sqlite3
// single-event appends and vs Emmett's CommandHandler on the same domain; whole
// orders through the orchestrated fulfilment saga.

import { accountAggregate, balancesProjection, deposit, open } from "../../server/core/testing/bank";
import { addItem, create, submit } from "../../server/core/testing/order";
import { createEngine, type Engine } from "../../server/runtime";
import { bankSystem, orderSystem } from "../../server/runtime/testing/systems";
import { openEmmettCommands } from "../baselines/emmettCommands";
import { emmettBusyRetries, emmettUnavailable, PEER_ROUNDS } from "../baselines/emmettStore";
import { openEventloomStore } from "../fixtures/eventloomStore";
import type { Contender, SuiteContext, Suite } from "../harness/types";
import { bare } from "./append";

const ACCOUNTS = 100;
const SEED = 9;
/** Bank accounts and their balances projection; no consumers or services (what a deposit needs, end to end). */
const bankDefinition = () => bankSystem({ consumers: [], services: [] });
const account = (n: number) => `a${n % ACCOUNTS}`;
const amount = (n: number) => (n % 50) + 1;

function startEngine(ctx: SuiteContext, definition: ReturnType<typeof bankSystem>): { engine: Engine; close(): Promise<void> } {
  const { store, close } = openEventloomStore(ctx.newFile("eventloom.db"));
  const engine = createEngine({ definition, store, seed: SEED });
  return {
    engine,
    async close() {
      await engine.close();
      close();
    },
  };
}

/** Deposits dispatched one after another; each sample ends by running the engine to idle (relay and projection caught up). */
const eventloomBank: Contender = {
  key: "eventloom",
  label: "Eventloom engine, fast mode (deposit)",
  async open(ctx) {
    const { engine, close } = startEngine(ctx, bankDefinition());
    for (let i = 0; i < ACCOUNTS; i++) await engine.dispatch(open(account(i)));
    await engine.runUntilIdle();
    let n = 0;
    let expected = 0;
    return {
      async run(units) {
        for (let u = 0; u < units; u++, n++) {
          const result = await engine.dispatch(deposit(account(n), amount(n)));
          if (result.status !== "accepted") throw new Error(`deposit ${n} was ${result.status}`);
          if (n % ACCOUNTS === 0) expected += amount(n);
        }
        await engine.runUntilIdle();
        const row = engine.store.projections.get(balancesProjection.name, "account-a0");
        if (row?.balance !== expected) throw new Error(`balances projection shows ${String(row?.balance)} for account-a0, expected ${expected}`);
      },
      close,
    };
  },
};

const emmettBank: Contender = {
  key: "emmett",
  label: "Emmett CommandHandler on emmett-sqlite 0.38.5 (deposit)",
  unavailable: emmettUnavailable,
  async open(ctx) {
    const emmett = await openEmmettCommands(ctx.newFile("emmett.db"), accountAggregate(), balancesProjection);
    for (let i = 0; i < ACCOUNTS; i++) await emmett.handle(open(account(i)));
    let n = 0;
    return {
      async run(units) {
        for (let u = 0; u < units; u++, n++) await emmett.handle(deposit(account(n), amount(n)));
      },
      async close() {
        const row = await emmett.row("account-a0");
        emmett.close();
        if (typeof row?.balance !== "number") throw new Error("Emmett's balances projection has no row for account-a0");
      },
    };
  },
};

/** Whole orders (create, add an item, submit) driven through the fulfilment saga (payment, inventory, shipping, confirm) to idle. */
const eventloomSaga: Contender = {
  key: "eventloom",
  label: "Eventloom engine, fast mode (order through the saga)",
  open(ctx) {
    const { engine, close } = startEngine(ctx, orderSystem());
    let n = 0;
    return {
      async run(units) {
        const first = n;
        for (let u = 0; u < units; u++, n++) {
          const id = `o${n}`;
          await engine.dispatch(create(id));
          await engine.dispatch(addItem(id, "book", 1 + (n % 3), 15));
          await engine.dispatch(submit(id));
        }
        await engine.runUntilIdle();
        for (const id of [`o${first}`, `o${n - 1}`]) {
          const status = engine.store.sagas.load("Fulfilment", id)?.status;
          if (status !== "completed") throw new Error(`order ${id}'s saga is ${String(status)}, expected completed`);
        }
      },
      close,
    };
  },
};

export const commandSuite: Suite = {
  name: "command",
  title: "Commands end to end in fast mode: bank account and the orchestrated order saga",
  targets: [
    { kind: "ratio", comparison: "command-bank", of: "eventloom", vs: "bare", basis: "rate", atLeast: 0.5, source: "issue #9: ≥ 0.5 of the bare single-event append rate" },
    { kind: "ratio", comparison: "command-bank-peer", of: "eventloom", vs: "emmett", basis: "rate", atLeast: 1, source: "issue #9: ahead of Emmett's command handler" },
  ],
  prerequisite: () => undefined,
  values: emmettBusyRetries,
  comparisons: () => [
    { id: "command-bank", title: "deposit commands vs single-event appends", unit: "commands", contenders: [eventloomBank, bare(1)] },
    {
      id: "command-bank-peer",
      title: "deposit commands, with the peer",
      unit: "commands",
      rounds: PEER_ROUNDS,
      contenders: [eventloomBank, emmettBank],
    },
    {
      id: "command-saga",
      title: "orders through the orchestrated saga (4 commands, 3 service calls, 7 events each) vs single-event appends",
      unit: "orders",
      contenders: [eventloomSaga, bare(1)],
      extraRatios: [{ of: "eventloom", vs: "bare", basis: "rate" }],
    },
  ],
};
