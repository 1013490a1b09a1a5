// Demo 1 — Bank account: event sourcing, replay, snapshots and time travel.
import { defineDemo } from "./define";

const OPENED = "bank.account.opened.v1";
const DEPOSITED = "bank.account.deposited.v1";
const WITHDRAWN = "bank.account.withdrawn.v1";

export const bankAccount = defineDemo(
  "bank-account",
  {
    schemaVersion: 1,
    name: "Bank account",
    description: "Event sourcing in its simplest form: an account whose balance is never stored, only derived by folding its events. Snapshots every three events keep loading fast.",
    aggregates: [
      {
        id: "account",
        name: "Account",
        streamPrefix: "account",
        initialState: { open: false, owner: "", balance: 0, transactions: 0 },
        snapshotEvery: 3,
        commands: [
          {
            id: "account-open",
            name: "OpenAccount",
            payload: [{ name: "owner", type: "string" }],
            guards: [{ rejectWhen: "state.open", message: "The account is already open" }],
            emits: [{ event: OPENED, data: { accountId: "aggregateId" } }],
          },
          {
            id: "account-deposit",
            name: "Deposit",
            payload: [{ name: "amount", type: "number" }],
            guards: [
              { rejectWhen: "!state.open", message: "The account is not open" },
              { rejectWhen: "command.amount <= 0", message: "A deposit must be a positive amount" },
            ],
            emits: [{ event: DEPOSITED }],
          },
          {
            id: "account-withdraw",
            name: "Withdraw",
            payload: [{ name: "amount", type: "number" }],
            guards: [
              { rejectWhen: "!state.open", message: "The account is not open" },
              { rejectWhen: "command.amount <= 0", message: "A withdrawal must be a positive amount" },
              { rejectWhen: "command.amount > state.balance", message: "Insufficient funds" },
            ],
            emits: [{ event: WITHDRAWN }],
          },
        ],
        events: [
          {
            id: "account-opened",
            type: OPENED,
            payload: [{ name: "accountId", type: "string" }, { name: "owner", type: "string" }],
            evolve: [{ op: "merge", value: '{"open": true, "owner": event.owner}' }],
          },
          {
            id: "account-deposited",
            type: DEPOSITED,
            payload: [{ name: "amount", type: "number" }],
            evolve: [
              { op: "increment", path: "balance", by: "event.amount" },
              { op: "increment", path: "transactions", by: "1" },
            ],
          },
          {
            id: "account-withdrawn",
            type: WITHDRAWN,
            payload: [{ name: "amount", type: "number" }],
            evolve: [
              { op: "increment", path: "balance", by: "-event.amount" },
              { op: "increment", path: "transactions", by: "1" },
            ],
          },
        ],
      },
    ],
    projections: [
      {
        id: "balances",
        name: "account_balances",
        handlers: [
          { id: "balances-opened", event: OPENED, key: "meta.key", op: "upsert", fields: { owner: "event.owner", balance: "0" } },
          { id: "balances-deposited", event: DEPOSITED, key: "meta.key", op: "increment", fields: { balance: "event.amount" } },
          { id: "balances-withdrawn", event: WITHDRAWN, key: "meta.key", op: "increment", fields: { balance: "-event.amount" } },
        ],
      },
    ],
    outboxes: [{ id: "account-outbox", aggregate: "Account", batchSize: 100, pollIntervalMs: 0 }],
    layout: {
      account: { x: 0, y: 0 },
      "account-outbox": { x: 0, y: 260 },
      balances: { x: 420, y: 0 },
    },
  },
  {
    title: "Bank account: state is a fold of events",
    summary: "Open an account, deposit and withdraw, and watch the balance appear from events alone; then see a guard refuse, a snapshot taken and the stream replayed.",
    steps: [
      {
        id: "open",
        title: "Open an account",
        narration: "A command asks; an event records what happened. OpenAccount passes its guard, so bank.account.opened.v1 is appended to the stream account-acc-1.",
        highlight: ["account-open", "account-opened"],
        action: { kind: "command", aggregate: "Account", aggregateId: "acc-1", command: "OpenAccount", data: { owner: "Ada" }, correlationId: "bank-open" },
        expect: [
          { kind: "state", aggregate: "Account", aggregateId: "acc-1", path: "open", equals: true },
          { kind: "row", table: "account_balances", key: "acc-1", field: "owner", equals: "Ada" },
        ],
      },
      {
        id: "deposit",
        title: "Deposit 200",
        narration: "The deposit is stored as an event with its amount. The balance is not stored anywhere: it is the sum of the events.",
        highlight: ["account-deposit", "account-deposited"],
        action: { kind: "command", aggregate: "Account", aggregateId: "acc-1", command: "Deposit", data: { amount: 200 } },
        expect: [{ kind: "state", aggregate: "Account", aggregateId: "acc-1", path: "balance", equals: 200 }],
      },
      {
        id: "withdraw",
        title: "Withdraw 50",
        narration: "Withdraw 50. Folding opened, deposited 200 and withdrawn 50 gives a balance of 150, in the aggregate and in the read model.",
        highlight: ["account-withdraw", "account-withdrawn", "balances"],
        action: { kind: "command", aggregate: "Account", aggregateId: "acc-1", command: "Withdraw", data: { amount: 50 } },
        expect: [
          { kind: "state", aggregate: "Account", aggregateId: "acc-1", path: "balance", equals: 150 },
          { kind: "row", table: "account_balances", key: "acc-1", field: "balance", equals: 150 },
        ],
      },
      {
        id: "snapshot",
        title: "A snapshot after three events",
        narration: "The account snapshots every three events. Loading it now starts from the snapshot at version 3 instead of replaying from the first event.",
        highlight: ["account"],
        action: { kind: "observe" },
        expect: [{ kind: "snapshot", aggregate: "Account", aggregateId: "acc-1", version: 3 }],
      },
      {
        id: "overdraw",
        title: "A guard refuses",
        narration: "Withdrawing 500 from 150 fails the guard: the command is rejected, nothing is appended and the balance stays 150.",
        highlight: ["account-withdraw"],
        action: { kind: "command", aggregate: "Account", aggregateId: "acc-1", command: "Withdraw", data: { amount: 500 } },
        expect: [
          { kind: "rejected", message: "Insufficient funds" },
          { kind: "state", aggregate: "Account", aggregateId: "acc-1", path: "balance", equals: 150 },
        ],
      },
      {
        id: "replay",
        title: "Replay and time travel",
        narration: "The stream holds the whole history in order. Open the time-travel view and scrub back: at each position the balance is the fold of the events up to there.",
        highlight: ["account-opened", "account-deposited", "account-withdrawn"],
        action: { kind: "observe" },
        expect: [
          { kind: "stream-event", aggregate: "Account", aggregateId: "acc-1", index: 0, type: OPENED, field: "owner", equals: "Ada" },
          { kind: "stream-event", aggregate: "Account", aggregateId: "acc-1", index: 1, type: DEPOSITED, field: "amount", equals: 200 },
          { kind: "stream-event", aggregate: "Account", aggregateId: "acc-1", index: 2, type: WITHDRAWN, field: "amount", equals: 50 },
        ],
      },
    ],
  },
);
