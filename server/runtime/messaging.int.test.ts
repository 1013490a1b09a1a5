import { afterEach, describe, expect, it } from "vitest";
import type { ConsumerDefinition } from "../core/definitions";
import { HandlerError } from "../core/definitions";
import { ACCOUNT_OPENED, DEPOSITED, deposit, open } from "../core/testing/bank";
import { auditorConsumer, idempotentMailer, plainMailer, testRetryPolicy } from "../core/testing/consumers";
import { createRelay, PIPELINE_BATCHES } from "./relay";
import { createRunContext } from "./runContext";
import { createInProcessBus } from "./inProcessBus";
import { bankSystem, startHarness, type Harness } from "./testing/systems";
import type { Transport } from "./transport";
import { fastClock } from "../core/clock";
import { indexSystem } from "../core/systemIndex";
import { ids, seededRandom } from "../core/random";

const kinds = (harness: Harness, kind: string) => harness.store.trace.read(0, 100_000).filter((e) => e.kind === kind);
const mails = (harness: Harness) => harness.store.events.readAll({ limit: 100_000 }).filter((e) => e.type === "mail.sent.v1").map((e) => e.data.by);

describe("engine: outbox, bus, retries and dead letters", () => {
  let harness: Harness;
  afterEach(async () => harness.cleanup());

  describe("transactional outbox", () => {
    it("given accepted commands, when the engine runs, then the relay publishes every outbox row once and consumers get them", async () => {
      harness = startHarness(bankSystem());
      await harness.engine.dispatch(open("a1", "Ada"));
      expect(harness.store.outbox.pendingCount()).toBe(1);
      const result = await harness.engine.runUntilIdle();
      expect(result.idle).toBe(true);
      expect(harness.store.outbox.pendingCount()).toBe(0);
      expect(harness.store.topics.read(ACCOUNT_OPENED, 0, 10)).toHaveLength(1);
      expect(mails(harness).sort()).toEqual(["mailer-idempotent", "mailer-plain"]);
    });

    it("given a relay that crashes between publishing and marking, when it restarts, then it publishes again and only the idempotent consumer absorbs the duplicate", async () => {
      harness = startHarness(bankSystem());
      await harness.engine.dispatch(open("a1", "Ada"));
      // A relay whose process dies right after the transport accepted the batch.
      const ctx = createRunContext(harness.store, indexSystem(bankSystem()), fastClock(0), 1, ids(seededRandom(1)));
      const bus = createInProcessBus(harness.store, ctx.clock);
      const crashing: Transport = {
        ...bus,
        async publish(messages) {
          await bus.publish(messages);
          throw new Error("process killed after publishing");
        },
      };
      await expect(createRelay(ctx, crashing, bankSystem().outbox).runOnce()).rejects.toThrow("process killed");
      expect(harness.store.outbox.pendingCount()).toBe(1);

      const restarted = harness.restart();
      await restarted.runUntilIdle();
      expect(harness.store.topics.read(ACCOUNT_OPENED, 0, 10).map((m) => m.messageId)).toEqual(
        Array(2).fill(harness.store.events.readAll()[0]!.eventId),
      );
      expect(kinds(harness, "duplicate-absorbed").filter((e) => e.fromNode === "mailer-idempotent")).toHaveLength(1);
      expect(mails(harness).sort()).toEqual(["mailer-idempotent", "mailer-plain", "mailer-plain"]);
    });
    it("given a pipelined transport, then the relay claims a group of batches, publishes them one at a time in order, records them once durable in one go while the last is in flight, and sends a refused batch again", async () => {
      harness = startHarness(bankSystem());
      for (let n = 1; n <= PIPELINE_BATCHES + 2; n++) await harness.engine.dispatch(open(`a${n}`));
      const ctx = createRunContext(harness.store, indexSystem(bankSystem()), fastClock(0), 1, ids(seededRandom(1)));
      const sent: string[][] = [];
      const settle: ((error?: Error) => void)[] = [];
      let inFlight = 0;
      let most = 0;
      const pipelined: Transport = {
        pipelined: true,
        publish(messages) {
          most = Math.max(most, ++inFlight);
          sent.push(messages.map((m) => m.key));
          return new Promise((resolve, reject) => settle.push((error) => (inFlight--, error ? reject(error) : resolve())));
        },
        subscribe: () => {
          throw new Error("not used by the relay");
        },
        close: async () => {},
      };
      const relay = createRelay(ctx, pipelined, { batchSize: 1, pollIntervalMs: 0 });
      const published = () => kinds(harness, "outbox-publish").map((e) => e.messageId);
      const pending = () => harness.store.outbox.pendingCount();
      /** Lets the newest publish finish (or fail), then runs the relay once. */
      const next = (error?: Error) => {
        const step = relay.runOnce();
        settle.at(-1)!(error);
        return step;
      };

      expect(await relay.runOnce()).toBe(true);
      for (let n = 2; n <= PIPELINE_BATCHES - 1; n++) expect(await next()).toBe(true);
      expect(published()).toEqual([]);
      expect(pending()).toBe(PIPELINE_BATCHES + 2);
      expect(await next()).toBe(true);
      expect(published()).toHaveLength(PIPELINE_BATCHES - 1);
      expect(pending()).toBe(3);

      await expect(next(new Error("broker down"))).rejects.toThrow("broker down");
      expect(pending()).toBe(3);
      expect(await relay.runOnce()).toBe(true);
      expect(await next()).toBe(true);
      expect(await next()).toBe(true);
      expect(await next()).toBe(true);
      expect(await relay.runOnce()).toBe(false);

      const keys = Array.from({ length: PIPELINE_BATCHES + 2 }, (_, i) => [`a${i + 1}`]);
      expect(sent).toEqual([...keys.slice(0, PIPELINE_BATCHES), ...keys.slice(PIPELINE_BATCHES - 1)]);
      expect(most).toBe(1);
      expect(pending()).toBe(0);
      expect(published()).toEqual(harness.store.events.readAll().map((e) => e.eventId));
    });
  });

  describe("consumer groups", () => {
    it("given two groups on one topic, then each keeps its own checkpoint and gets every message", async () => {
      harness = startHarness(bankSystem({ consumers: [auditorConsumer, { ...auditorConsumer, group: "auditor-2" }] }));
      await harness.engine.dispatch(open("a1"));
      await harness.engine.dispatch(deposit("a1", 5));
      await harness.engine.dispatch(deposit("a1", 6));
      await harness.engine.runUntilIdle();
      const last = harness.store.topics.read(DEPOSITED, 0, 10).at(-1)!.offset;
      expect(harness.store.checkpoints.get(`bus:auditor:${DEPOSITED}`)).toBe(last);
      expect(harness.store.checkpoints.get(`bus:auditor-2:${DEPOSITED}`)).toBe(last);
      expect(kinds(harness, "handler-success").map((e) => e.fromNode)).toEqual(["auditor", "auditor", "auditor-2", "auditor-2"]);
    });

    it("given a transient failure, then it is retried through _retry.<topic> with exponential backoff and jitter, and succeeds", async () => {
      harness = startHarness(bankSystem({ consumers: [auditorConsumer] }));
      await harness.engine.dispatch(open("a1"));
      await harness.engine.dispatch(deposit("a1", 7));
      await harness.engine.runUntilIdle();
      const retries = kinds(harness, "retry-scheduled");
      expect(retries.map((e) => e.toNode)).toEqual([`_retry.${DEPOSITED}`, `_retry.${DEPOSITED}`]);
      const [first, second] = retries.map((e) => e.detail!.delayMs as number);
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(100);
      expect(second).toBeGreaterThanOrEqual(100);
      expect(second).toBeLessThanOrEqual(200);
      const deliveries = kinds(harness, "delivery").filter((e) => e.toNode === "auditor");
      expect(deliveries.map((e) => e.at)).toEqual([0, first!, first! + second!]);
      expect(kinds(harness, "handler-success")).toHaveLength(1);
      expect(harness.store.deadLetters.countDead()).toBe(0);
    });

    it("given a non-retryable error, then the message goes straight to the dead-letter queue", async () => {
      harness = startHarness(bankSystem({ consumers: [auditorConsumer] }));
      await harness.engine.dispatch(open("a1"));
      await harness.engine.dispatch(deposit("a1", 13));
      await harness.engine.runUntilIdle();
      expect(kinds(harness, "retry-scheduled")).toHaveLength(0);
      const [letter] = harness.store.deadLetters.list();
      expect(letter).toMatchObject({ originalTopic: DEPOSITED, group: "auditor", attempts: 1, errors: [{ name: "PoisonMessage", retryable: false }] });
      expect(harness.store.topics.read(`_dlq.${DEPOSITED}`, 0, 10)).toHaveLength(1);
    });

    it("given a message that always fails, then after max attempts its dead letter keeps topic, group, attempts, every error and first/last failure", async () => {
      harness = startHarness(bankSystem({ consumers: [auditorConsumer] }));
      await harness.engine.dispatch(open("a1"));
      await harness.engine.dispatch(deposit("a1", 99));
      await harness.engine.runUntilIdle();
      const [letter] = harness.store.deadLetters.list();
      expect(letter).toMatchObject({ originalTopic: DEPOSITED, group: "auditor", attempts: 3, status: "dead" });
      expect(letter!.errors.map((e) => [e.message, e.retryable])).toEqual([["Always fails.", true], ["Always fails.", true], ["Always fails.", true]]);
      expect(letter!.firstFailureAt).toBe(0);
      expect(letter!.lastFailureAt).toBe(letter!.errors[2]!.at);
      expect(letter!.lastFailureAt).toBeGreaterThan(0);
      expect(JSON.parse(letter!.payload)).toMatchObject({ type: DEPOSITED, data: { amount: 99 } });
      const [published] = harness.store.topics.read(`_dlq.${DEPOSITED}`, 0, 10);
      expect(published!.headers).toMatchObject({ "retry-count": "2", "target-group": "auditor", "original-topic": DEPOSITED, "first-failure-at": "0" });
      expect(JSON.parse(published!.headers.errors!)).toHaveLength(3);
    });

    it("given dead letters, when one is redriven after the cause is fixed, then only its group handles it again; many redrive with a limit; discard", async () => {
      let broken = true;
      const flaky: ConsumerDefinition = {
        group: "ledger",
        topics: [DEPOSITED],
        retry: { ...testRetryPolicy, maxAttempts: 1 },
        deadLetter: true,
        idempotent: true,
        handle() {
          if (broken) throw new HandlerError("LedgerDown", "The ledger is down.");
          return [];
        },
      };
      harness = startHarness(bankSystem({ consumers: [flaky, { ...auditorConsumer, group: "auditor" }] }));
      await harness.engine.dispatch(open("a1"));
      for (const amount of [1, 2, 3, 4]) await harness.engine.dispatch(deposit("a1", amount));
      await harness.engine.runUntilIdle();
      const letters = harness.store.deadLetters.list();
      expect(letters).toHaveLength(4);
      broken = false;

      harness.engine.redrive(letters[0]!.id);
      await harness.engine.runUntilIdle();
      const successes = () => kinds(harness, "handler-success").filter((e) => e.fromNode === "ledger");
      expect(successes()).toHaveLength(1);
      expect(kinds(harness, "handler-success").filter((e) => e.fromNode === "auditor")).toHaveLength(4);
      expect(kinds(harness, "redriven")).toHaveLength(1);

      expect(harness.engine.redriveMany(2).map((l) => l.id)).toEqual([letters[1]!.id, letters[2]!.id]);
      harness.engine.discard(letters[3]!.id);
      await harness.engine.runUntilIdle();
      expect(successes()).toHaveLength(3);
      expect(harness.store.deadLetters.countDead()).toBe(0);
      expect(harness.store.deadLetters.get(letters[3]!.id)!.status).toBe("discarded");
    });

    it("given dead-lettering off, then an exhausted message is dropped with an alert", async () => {
      harness = startHarness(bankSystem({ consumers: [{ ...auditorConsumer, deadLetter: false }] }));
      await harness.engine.dispatch(open("a1"));
      await harness.engine.dispatch(deposit("a1", 13));
      await harness.engine.runUntilIdle();
      expect(harness.store.deadLetters.countDead()).toBe(0);
      expect(kinds(harness, "dropped")).toHaveLength(1);
      expect(harness.store.alerts.list()[0]!.message).toContain("auditor dropped message");
    });

    it("given an idempotent group, then its processed ids are recorded per group", async () => {
      harness = startHarness(bankSystem({ consumers: [idempotentMailer, plainMailer] }));
      await harness.engine.dispatch(open("a1"));
      await harness.engine.runUntilIdle();
      const eventId = harness.store.events.readAll()[0]!.eventId;
      expect(harness.store.processed.has("mailer-idempotent", eventId)).toBe(true);
      expect(harness.store.processed.has("mailer-plain", eventId)).toBe(false);
    });
  });
});
