// Test and bench fixture: a large run written straight into the store, fast,
// with the trace hops the runtime would write around each event. Bank
// accounts (deposits, withdrawals; a poison amount dead-lettered by the
// auditor, an amount that needs two retries; redrives and discards) and orders
// (created as v1 or v3, items, submission) with the fulfilment saga calling a
// payment service whose replies land on `payment-<order>` streams. Publishing,
// deliveries and saga steps trail their cause by a few events, so queues and
// sagas are caught in flight at event boundaries. Seeded: same options, same run.

import type { JsonObject, SystemDefinition } from "../../core/definitions";
import { seededRandom } from "../../core/random";
import type { SagaInstance } from "../../core/sagaMachine";
import { accountAggregate, ACCOUNT_OPENED, balancesProjection, DEPOSITED, WITHDRAWN } from "../../core/testing/bank";
import { ITEM_ADDED, ORDER_CONFIRMED, ORDER_CREATED, ORDER_CREATED_V1, ORDER_SUBMITTED, orderAggregate, orderUpcasters, orderViewProjection } from "../../core/testing/order";
import type { RunStore, TraceInput } from "../../store";

export const syntheticSystem: SystemDefinition = {
  aggregates: [accountAggregate(), orderAggregate],
  upcasters: orderUpcasters,
  projections: [balancesProjection, orderViewProjection],
  services: [],
  sagas: [],
  reactions: [],
  consumers: [],
  outbox: { batchSize: 100, pollIntervalMs: 0 },
};

export interface SyntheticRunOptions {
  events: number;
  accounts: number;
  orders: number;
  seed: number;
}

const SAGA = "Fulfilment";
const CHARGED = "payment.charged.v1";
const DECLINED = "payment.declined.v1";
const BATCH = 1_000;

export function writeSyntheticRun(store: RunStore, options: SyntheticRunOptions): void {
  const random = seededRandom(options.seed);
  const agenda = new Map<number, (() => void)[]>();
  const balances: number[] = [];
  const drafts: { id: string; items: number }[] = [];
  const deadLetters: { id: number; messageId: string }[] = [];
  let ordersCreated = 0;
  let appended = 0;
  let now = 0;
  let serial = 0;
  let letterIds = 0;
  /** Deposits the auditor cannot take at once: 13 (poison) and 7 (fails twice). */
  const poison = new Map<string, number>();

  const id = (prefix: string) => `${prefix}-${++serial}`;
  const hop = (kind: string, fields: Omit<TraceInput, "at" | "kind">) => store.trace.append({ at: now, kind, ...fields });
  /** Runs `work` after `delay` more events (0: before the next one). */
  const later = (delay: number, work: () => void) => {
    const due = appended + delay;
    const list = agenda.get(due);
    if (list) list.push(work);
    else agenda.set(due, [work]);
  };
  const lag = () => random.int(4);

  function append(streamId: string, type: string, data: JsonObject, cause: { messageId: string; correlationId: string }, fromNode: string): string {
    const eventId = id("evt");
    const metadata = { messageId: eventId, correlationId: cause.correlationId, causationId: cause.messageId };
    const [event] = store.events.appendToStream(streamId, [{ eventId, type, data, metadata }], { now }).events;
    appended++;
    hop("append", { fromNode, toNode: type, messageId: eventId, correlationId: metadata.correlationId, causationId: metadata.causationId, position: event!.position, summary: `${type} appended to ${streamId}` });
    return eventId;
  }

  function command(aggregate: string, streamId: string, type: string, data: JsonObject, correlationId?: string): string {
    const messageId = id("cmd");
    const ids = { messageId, correlationId: correlationId ?? messageId };
    hop("command-accepted", { toNode: aggregate, messageId, correlationId: ids.correlationId, causationId: messageId, summary: `${aggregate} accepted a command` });
    const eventId = append(streamId, type, data, ids, aggregate);
    later(lag(), () => publish(eventId, ids.correlationId, type));
    return eventId;
  }

  function publish(messageId: string, correlationId: string, topic: string, then: () => void = () => deliverEvent(messageId, correlationId, topic)): void {
    hop("outbox-publish", { fromNode: "outbox", toNode: topic, messageId, correlationId, summary: `Published to ${topic}` });
    later(lag(), then);
  }

  function deliver(node: string, messageId: string, correlationId: string, topic: string, attempt = 1): void {
    hop("delivery", { fromNode: topic, toNode: node, messageId, correlationId, summary: `${topic} delivered to ${node}`, ...(attempt > 1 ? { detail: { attempt } } : {}) });
  }

  function deliverEvent(messageId: string, correlationId: string, topic: string): void {
    if (topic === DEPOSITED) audit(messageId, correlationId, 1);
  }

  /** The auditor: 13 is poison (dead-lettered at once), 7 fails twice. */
  function audit(messageId: string, correlationId: string, attempt: number): void {
    deliver("auditor", messageId, correlationId, DEPOSITED, attempt);
    const kind = poison.get(messageId);
    if (kind === 13) {
      const letter = ++letterIds;
      deadLetters.push({ id: letter, messageId });
      hop("handler-failure", { fromNode: "auditor", messageId, correlationId, summary: "auditor failed" });
      hop("dead-lettered", { fromNode: "auditor", toNode: `_dlq.${DEPOSITED}`, messageId, correlationId, summary: "dead-lettered", detail: { deadLetterId: letter, reason: "non-retryable" } });
      later(lag(), () => publish(messageId, correlationId, `_dlq.${DEPOSITED}`, () => undefined));
    } else if (kind === 7 && attempt < 3) {
      hop("handler-failure", { fromNode: "auditor", messageId, correlationId, summary: "auditor failed" });
      hop("retry-scheduled", { fromNode: "auditor", toNode: `_retry.${DEPOSITED}`, messageId, correlationId, summary: `retry ${attempt}`, detail: { attempt, delayMs: 100 * attempt } });
      later(1 + lag(), () => publish(messageId, correlationId, `_retry.${DEPOSITED}`, () => audit(messageId, correlationId, attempt + 1)));
    } else {
      hop("handler-success", { fromNode: "auditor", messageId, correlationId, summary: "auditor handled it" });
    }
  }

  function sagaNote(kind: string, instance: SagaInstance, messageId: string): void {
    hop(kind, { fromNode: SAGA, messageId, correlationId: instance.correlationId, summary: `${SAGA} ${instance.instanceId}: ${kind}`, detail: { instanceId: instance.instanceId, step: instance.step, sent: [], instance: instance as unknown as JsonObject } });
  }

  function startSaga(orderId: string, submittedId: string, correlationId: string): void {
    deliver(SAGA, submittedId, correlationId, ORDER_SUBMITTED);
    const instance: SagaInstance = { sagaName: SAGA, instanceId: orderId, correlationId, status: "running", step: 0, completed: [], compensating: null, data: { orderId }, history: [{ at: now, step: 0, phase: "forward", outcome: "started", messageType: ORDER_SUBMITTED }] };
    const call = id("call");
    hop("service-call", { fromNode: SAGA, toNode: "Payment", messageId: call, correlationId, causationId: submittedId, summary: `charge ${orderId}` });
    sagaNote("saga-step-started", instance, submittedId);
    later(lag(), () =>
      publish(call, correlationId, "_svc.Payment", () => {
        deliver("Payment", call, correlationId, "_svc.Payment");
        const declined = random.next() < 0.1;
        const type = declined ? DECLINED : CHARGED;
        const reply = append(`payment-${orderId}`, type, { orderId }, { messageId: call, correlationId }, "Payment");
        later(lag(), () => publish(reply, correlationId, type, () => paymentReply(instance, reply, declined)));
      }),
    );
  }

  function paymentReply(instance: SagaInstance, reply: string, declined: boolean): void {
    deliver(SAGA, reply, instance.correlationId, declined ? DECLINED : CHARGED);
    const outcome = declined ? "failed" : "succeeded";
    const history = [...instance.history, { at: now, step: 0, phase: "forward" as const, outcome: outcome as "failed" | "succeeded", messageType: declined ? DECLINED : CHARGED }];
    if (declined) {
      sagaNote("saga-compensated", { ...instance, status: "compensated", history }, reply);
      return;
    }
    const confirming: SagaInstance = { ...instance, step: 1, completed: [0], history };
    const confirm = id("cmd");
    hop("command-sent", { fromNode: SAGA, toNode: "Order", messageId: confirm, correlationId: instance.correlationId, causationId: reply, summary: "confirm" });
    sagaNote("saga-step-started", confirming, reply);
    later(lag(), () =>
      publish(confirm, instance.correlationId, "_commands", () => {
        deliver("commands", confirm, instance.correlationId, "_commands");
        const confirmed = append(`order-${instance.instanceId}`, ORDER_CONFIRMED, { orderId: instance.instanceId }, { messageId: confirm, correlationId: instance.correlationId }, "Order");
        later(lag(), () =>
          publish(confirmed, instance.correlationId, ORDER_CONFIRMED, () => {
            deliver(SAGA, confirmed, instance.correlationId, ORDER_CONFIRMED);
            sagaNote("saga-completed", { ...confirming, status: "completed", completed: [0, 1] }, confirmed);
          }),
        );
      }),
    );
  }

  function businessStep(): void {
    const r = random.next();
    if (r < 0.05 && balances.length < options.accounts) {
      const n = balances.length;
      balances.push(0);
      command("Account", `account-${n}`, ACCOUNT_OPENED, { owner: `owner ${n}` });
    } else if (r < 0.72 && balances.length > 0) {
      const n = random.int(balances.length);
      const draw = random.next();
      const plain = 1 + random.int(100);
      const amount = draw < 0.002 ? 13 : draw < 0.006 ? 7 : plain === 7 || plain === 13 ? plain + 1 : plain;
      balances[n]! += amount;
      const eventId = command("Account", `account-${n}`, DEPOSITED, { amount });
      if (amount === 13 || amount === 7) poison.set(eventId, amount);
    } else if (r < 0.8 && balances.length > 0) {
      const n = random.int(balances.length);
      const amount = 1 + random.int(150);
      if (amount > balances[n]!) {
        hop("command-rejected", { toNode: "Account", messageId: id("cmd"), summary: "Insufficient funds", detail: { command: { type: "Withdraw" } } });
        return;
      }
      balances[n]! -= amount;
      command("Account", `account-${n}`, WITHDRAWN, { amount });
    } else if (r < 0.86 && ordersCreated < options.orders) {
      const orderId = `o${ordersCreated++}`;
      const legacy = random.next() < 0.2;
      command("Order", `order-${orderId}`, legacy ? ORDER_CREATED_V1 : ORDER_CREATED, legacy ? { customer: `c${orderId}` } : { customerName: `c${orderId}`, currency: "EUR" });
      drafts.push({ id: orderId, items: 0 });
    } else if (r < 0.94 && drafts.length > 0) {
      const draft = drafts[random.int(drafts.length)]!;
      draft.items++;
      command("Order", `order-${draft.id}`, ITEM_ADDED, { sku: `sku${random.int(50)}`, quantity: 1 + random.int(3), price: 1 + random.int(40) });
    } else if (r < 0.98 && drafts.some((draft) => draft.items > 0)) {
      const ready = drafts.filter((draft) => draft.items > 0);
      const draft = ready[random.int(ready.length)]!;
      drafts.splice(drafts.indexOf(draft), 1);
      const correlationId = id("flow");
      const submitted = command("Order", `order-${draft.id}`, ORDER_SUBMITTED, { orderId: draft.id, total: 0 }, correlationId);
      later(1 + lag(), () => startSaga(draft.id, submitted, correlationId));
    } else if (deadLetters.length > 0) {
      const letter = deadLetters.shift()!;
      const kind = random.next() < 0.5 ? "redriven" : "discarded";
      hop(kind, { fromNode: `_dlq.${DEPOSITED}`, toNode: "auditor", messageId: letter.messageId, summary: `dead letter ${letter.id} ${kind}`, detail: { deadLetterId: letter.id } });
      if (kind === "redriven") later(lag(), () => publish(letter.messageId, letter.messageId, DEPOSITED, () => deliver("auditor", letter.messageId, letter.messageId, DEPOSITED)));
    }
  }

  let done = -1;
  while (appended < options.events) {
    store.transaction(() => {
      const stop = Math.min(options.events, appended + BATCH);
      while (appended < stop) {
        now += 1 + random.int(3);
        // Every piece of work due by now, including work scheduled while running it.
        for (; done < appended; done++) {
          for (const work of agenda.get(done + 1) ?? []) work();
          agenda.delete(done + 1);
        }
        businessStep();
      }
    });
  }
}
