// The durability scenario shared by the SIGKILL test and its child process: a
// deterministic script of bank and order commands, the system that runs it, and
// a model that says which events each command must have produced.

import { decide } from "../../core/decider";
import type { Command, JsonObject, NewEvent, SystemDefinition } from "../../core/definitions";
import { accountAggregate, balancesProjection, deposit, open, withdraw } from "../../core/testing/bank";
import { auditorConsumer, idempotentMailer, mailerService } from "../../core/testing/consumers";
import { addItem, create, fulfilmentSaga, orderAggregate, orderServices, orderViewProjection, submit } from "../../core/testing/order";
import { emptySystem } from "./systems";

export const ACCOUNTS = 50;

/** Every operation idempotent, so every side effect must happen exactly once. */
const idempotentMailerService = { ...mailerService, operations: mailerService.operations.map((op) => ({ ...op, idempotent: true })) };

export function durabilitySystem(): SystemDefinition {
  return {
    ...emptySystem,
    aggregates: [accountAggregate(10), orderAggregate],
    projections: [balancesProjection, orderViewProjection],
    services: [...orderServices, idempotentMailerService],
    sagas: [fulfilmentSaga],
    consumers: [auditorConsumer, idempotentMailer],
    outbox: { batchSize: 100, pollIntervalMs: 10 },
  };
}

/** Command number i of the script (ids are `cmd-<i>`). */
export function scriptCommand(i: number): Command {
  if (i < ACCOUNTS) return open(`a${i}`, `owner-${i}`);
  const order = `o${i - (i % 50)}`;
  switch (i % 50) {
    case 0:
      return create(order);
    case 1:
      return addItem(order, "book", 1 + (i % 3), 12);
    case 2:
      return submit(order);
    default:
      return i % 10 === 5 ? withdraw(`a${i % ACCOUNTS}`, 20) : deposit(`a${i % ACCOUNTS}`, (i % 13) + 1);
  }
}

export interface ExpectedRun {
  /** Event types each accepted command appended, by command id. */
  eventsByCommand: Map<string, string[]>;
  accounts: Map<string, JsonObject>;
  orders: string[];
  /** Accepted deposits of 13, which the auditor dead-letters once each. */
  poisonDeposits: number;
}

/** Replays the script on the pure domain: only the script changes accounts, and orders only until the saga confirms them. */
export async function expectedRun(count: number): Promise<ExpectedRun> {
  const aggregates = { Account: accountAggregate(), Order: orderAggregate };
  const states = new Map<string, JsonObject>();
  const eventsByCommand = new Map<string, string[]>();
  let poisonDeposits = 0;
  const orders: string[] = [];
  for (let i = 0; i < count; i++) {
    const command = scriptCommand(i);
    const aggregate = aggregates[command.aggregate as keyof typeof aggregates];
    const key = `${command.aggregate}/${command.aggregateId}`;
    const metadata = { messageId: `cmd-${i}`, correlationId: `cmd-${i}`, causationId: `cmd-${i}` };
    const decision = await decide(aggregate, states.get(key) ?? aggregate.initialState, command, { now: 0, aggregateId: command.aggregateId, metadata });
    if (decision.kind !== "accepted") continue;
    states.set(key, decision.state);
    eventsByCommand.set(`cmd-${i}`, decision.events.map((e: NewEvent) => e.type));
    if (command.type === "Deposit" && command.data.amount === 13) poisonDeposits++;
    if (command.type === "Submit") orders.push(command.aggregateId);
  }
  const accounts = new Map([...states].filter(([key]) => key.startsWith("Account/")).map(([key, state]) => [key.slice("Account/".length), state]));
  return { eventsByCommand, accounts, orders, poisonDeposits };
}
