// The outbox relay: claims a batch of unpublished rows, publishes them to the
// transport, then marks them published (and traces each). A crash between
// publishing and marking publishes them again: at-least-once. On a pipelined
// transport (Kafka) one batch is in flight while the next is claimed and the
// previous one recorded, so SQLite work overlaps the broker's round trip; the
// publishes themselves stay one at a time and in order.

import type { OutboxSettings } from "../core/definitions";
import { HEADER } from "../core/messageHeaders";
import type { TraceKind } from "../core/traceKinds";
import type { OutboxRow } from "../store";
import type { RunContext } from "./runContext";
import type { Worker } from "./scheduler";
import type { Transport } from "./transport";

/** Claims by this owner survive a restart of the same engine, so it reclaims them at once. */
export const RELAY_OWNER = "relay";
const LEASE_MS = 30_000;
/** Worker processes (Kafka mode) enqueue rows this process hears nothing of: look at the store again after this long (clock ms). */
const RECHECK_MS = 50;

interface InFlight {
  rows: OutboxRow[];
  /** Settles with the publish's error, or undefined once the rows are durable (never rejects: no unhandled rejection between runs). */
  sent: Promise<unknown>;
}

export function createRelay(ctx: RunContext, transport: Transport, settings: OutboxSettings, owner = RELAY_OWNER): Worker {
  let lastRunAt = Number.NEGATIVE_INFINITY;
  let blockedUntil = Number.NEGATIVE_INFINITY;
  /** Whether rows are pending, known until the next enqueue; undefined = ask the store. */
  let pending: boolean | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  /** Pipelined: the batch being published, and the next one, claimed while it was. */
  let inFlight: InFlight | undefined;
  let ready: OutboxRow[] | undefined;
  const stopListening = ctx.store.outbox.onEnqueued(() => {
    pending = undefined;
    blockedUntil = Number.NEGATIVE_INFINITY;
  });

  const claim = (now: number, afterId = 0) => ctx.store.outbox.claimBatch(owner, settings.batchSize, now, LEASE_MS, afterId);

  /** Marks the rows published, lets the transport record them and traces each; inside the caller's transaction. */
  function record(rows: OutboxRow[], now: number): void {
    ctx.store.outbox.markPublished(
      rows.map((row) => row.id),
      now,
    );
    transport.recordPublished?.(rows, ctx.clock.now());
    ctx.store.trace.appendMany(
      rows.map((row) => ({
        at: ctx.clock.now(),
        kind: "outbox-publish" satisfies TraceKind,
        messageId: row.messageId,
        correlationId: row.headers[HEADER.correlationId] ?? null,
        causationId: row.headers[HEADER.causationId] ?? null,
        fromNode: "outbox",
        toNode: row.topic,
        summary: `Published ${row.headers[HEADER.type] ?? "message"} to ${row.topic}`,
      })),
    );
  }

  /**
   * Waits for the batch in flight and takes it off. A publish error is thrown; that batch and
   * the one claimed after it stay claimed by this owner, who claims them again first.
   */
  async function land(): Promise<OutboxRow[] | undefined> {
    const flight = inFlight;
    inFlight = undefined;
    if (!flight) return undefined;
    const error = await flight.sent;
    if (error !== undefined) {
      ready = undefined;
      throw error;
    }
    return flight.rows;
  }

  /** One batch at a time: claim, publish, record. */
  async function stepInTurn(now: number): Promise<boolean> {
    const rows = claim(now);
    if (rows.length === 0) {
      // Pending rows are claimed by another relay: look again when its lease ends.
      blockedUntil = now + LEASE_MS;
      return false;
    }
    await transport.publish(rows);
    ctx.store.transaction(() => record(rows, now));
    return true;
  }

  /**
   * Lands the batch in flight, sends the ready one at once, then in one transaction records the
   * landed batch and claims the next: the broker's round trip overlaps the SQLite work.
   */
  async function stepPipelined(now: number): Promise<boolean> {
    const landed = await land();
    const paused = ctx.faults.relayPaused();
    const rows = paused ? [] : (ready ?? claim(now, landed?.at(-1)?.id));
    if (!paused) ready = undefined;
    if (rows.length > 0) {
      inFlight = {
        rows,
        sent: transport.publish(rows).then(
          () => undefined,
          (error: unknown) => error ?? new Error("The transport refused the batch without saying why."),
        ),
      };
    }
    if (!landed && rows.length === 0) {
      if (!paused) blockedUntil = now + LEASE_MS;
      return false;
    }
    ctx.store.transaction(() => {
      if (landed) record(landed, ctx.clock.now());
      if (rows.length > 0 && !paused) {
        const next = claim(now, rows.at(-1)!.id);
        ready = next.length > 0 ? next : undefined;
      }
    });
    return true;
  }

  return {
    name: "relay",
    async nextDue() {
      // A batch in flight is landed before any other work: nothing handles its messages before their publish is traced.
      if (inFlight) return Number.NEGATIVE_INFINITY;
      if (ctx.faults.relayPaused()) return undefined;
      const now = ctx.clock.now();
      if (ready) return now;
      if (pending === false && now - checkedAt >= RECHECK_MS) pending = undefined;
      if (pending === undefined) {
        pending = ctx.store.outbox.pendingCount() > 0;
        checkedAt = now;
      }
      if (!pending) return undefined;
      return Math.max(now, lastRunAt + settings.pollIntervalMs, blockedUntil);
    },
    async runOnce() {
      const now = ctx.clock.now();
      lastRunAt = now;
      pending = undefined;
      return transport.pipelined ? stepPipelined(now) : stepInTurn(now);
    },
    async close() {
      stopListening();
      // A batch the transport took is recorded; one it refused, and the ready one, are claimed again by the next relay.
      const landed = await land().catch(() => undefined);
      if (landed) ctx.store.transaction(() => record(landed, ctx.clock.now()));
    },
  };
}
