// Test domain: a bank account (open, deposit, withdraw with the guard
// "insufficient funds"), a balances projection and a welcome-bonus reaction.
// Hand-written against the definition contract; used by core and runtime tests.

import {
  reject,
  type AggregateDefinition,
  type Command,
  type JsonObject,
  type NewEvent,
  type ProjectionDefinition,
  type ReactionDefinition,
} from "../definitions";

export const ACCOUNT_OPENED = "bank.account.opened.v1";
export const DEPOSITED = "bank.account.deposited.v1";
export const WITHDRAWN = "bank.account.withdrawn.v1";

export function accountAggregate(snapshotEvery = 0): AggregateDefinition {
  return {
    name: "Account",
    streamPrefix: "account",
    initialState: { open: false, owner: "", balance: 0, transactions: 0 },
    snapshotEvery,
    decide(state, command) {
      const amount = Number(command.data.amount ?? 0);
      switch (command.type) {
        case "Open":
          if (state.open) return reject("The account is already open.");
          return [{ type: ACCOUNT_OPENED, data: { owner: String(command.data.owner ?? "") } }];
        case "Deposit":
          if (!state.open) return reject("The account is not open.");
          if (!(amount > 0)) return reject("A deposit must be a positive amount.");
          return [{ type: DEPOSITED, data: { amount } }];
        case "Withdraw":
          if (!state.open) return reject("The account is not open.");
          if (!(amount > 0)) return reject("A withdrawal must be a positive amount.");
          if (amount > (state.balance as number)) return reject(`Insufficient funds: the balance is ${state.balance}, the withdrawal ${amount}.`);
          return [{ type: WITHDRAWN, data: { amount } }];
        default:
          return reject(`Account does not handle ${command.type}.`);
      }
    },
    evolve: evolveAccount,
  };
}

export function evolveAccount(state: JsonObject, event: NewEvent): JsonObject {
  switch (event.type) {
    case ACCOUNT_OPENED:
      return { ...state, open: true, owner: event.data.owner ?? "" };
    case DEPOSITED:
      return { ...state, balance: (state.balance as number) + (event.data.amount as number), transactions: (state.transactions as number) + 1 };
    case WITHDRAWN:
      return { ...state, balance: (state.balance as number) - (event.data.amount as number), transactions: (state.transactions as number) + 1 };
    default:
      return state;
  }
}

export const balancesProjection: ProjectionDefinition = {
  name: "balances",
  eventTypes: [ACCOUNT_OPENED, DEPOSITED, WITHDRAWN],
  handle(event) {
    const key = event.streamId;
    switch (event.type) {
      case ACCOUNT_OPENED:
        return [{ op: "upsert", key, row: { owner: event.data.owner ?? "", balance: 0, movements: 0 } }];
      case DEPOSITED:
        return [
          { op: "increment", key, field: "balance", by: event.data.amount as number },
          { op: "increment", key, field: "movements", by: 1 },
        ];
      case WITHDRAWN:
        return [
          { op: "increment", key, field: "balance", by: -(event.data.amount as number) },
          { op: "increment", key, field: "movements", by: 1 },
        ];
      default:
        return [];
    }
  },
};

/** Choreography: every opened account gets a welcome bonus deposit. */
export const welcomeBonusReaction: ReactionDefinition = {
  name: "welcome-bonus",
  on: ACCOUNT_OPENED,
  command: (event): Command => ({ aggregate: "Account", aggregateId: event.key, type: "Deposit", data: { amount: 10 } }),
};

export const open = (id: string, owner = "Ada"): Command => ({ aggregate: "Account", aggregateId: id, type: "Open", data: { owner } });
export const deposit = (id: string, amount: number): Command => ({ aggregate: "Account", aggregateId: id, type: "Deposit", data: { amount } });
export const withdraw = (id: string, amount: number): Command => ({ aggregate: "Account", aggregateId: id, type: "Withdraw", data: { amount } });
