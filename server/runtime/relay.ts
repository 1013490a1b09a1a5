// The outbox relay: claims a batch of unpublished rows, publishes them to the
// transport, then marks them published (and traces each). A crash between
// publishing and marking publishes them again: at-least-once. On a pipelined
// transport (Kafka) the relay claims PIPELINE_BATCHES batches at once and sends
// them one after another, one publish in flight at a time and in order; once the
// last of them is on its way it records the landed ones and claims the next group
// in one transaction: fewer SQLite commits, and that work overlaps the broker's
// round trip.

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
/** Pipelined: batches claimed (and recorded) per SQLite transaction. */
export const PIPELINE_BATCHES = 5;

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
  /** Pipelined: the batch being published, the claimed batches waiting their turn, and the published rows not yet recorded. */
  let inFlight: InFlight | undefined;
  let queue: OutboxRow[][] = [];
  let landed: OutboxRow[] = [];
  const stopListening = ctx.store.outbox.onEnqueued(() => {
    pending = undefined;
    blockedUntil = Number.NEGATIVE_INFINITY;
  });

  const claim = (now: number, batches: number, afterId = 0) => ctx.store.outbox.claimBatch(owner, settings.batchSize * batches, now, LEASE_MS, afterId);
  const split = (rows: OutboxRow[]) => Array.from({ length: Math.ceil(rows.length / settings.batchSize) }, (_, i) => rows.slice(i * settings.batchSize, (i + 1) * settings.batchSize));

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

  /** Records the rows published so far (in the caller's transaction). */
  function recordLanded(): void {
    if (landed.length === 0) return;
    record(landed, ctx.clock.now());
    landed = [];
  }

  /**
   * Waits for the batch in flight. A publish error is thrown after what landed before it is
   * recorded; that batch and the ones claimed after it stay claimed by this owner, who claims
   * them again first.
   */
  async function land(): Promise<boolean> {
    const flight = inFlight;
    inFlight = undefined;
    if (!flight) return false;
    const error = await flight.sent;
    if (error !== undefined) {
      queue = [];
      ctx.store.transaction(recordLanded);
      throw error;
    }
    landed.push(...flight.rows);
    return true;
  }

  function send(rows: OutboxRow[]): void {
    inFlight = {
      rows,
      sent: transport.publish(rows).then(
        () => undefined,
        (error: unknown) => error ?? new Error("The transport refused the batch without saying why."),
      ),
    };
  }

  /** One batch at a time: claim, publish, record. */
  async function stepInTurn(now: number): Promise<boolean> {
    const rows = claim(now, 1);
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
   * Lands the batch in flight and sends the next claimed one at once; when the group is all on its
   * way (or a fault paused the relay), records what landed and claims the next group, in one
   * transaction, while the last batch is in flight.
   */
  async function stepPipelined(now: number): Promise<boolean> {
    const worked = await land();
    const paused = ctx.faults.relayPaused();
    if (!paused && queue.length === 0 && landed.length === 0) queue = split(claim(now, PIPELINE_BATCHES));
    const rows = paused ? undefined : queue.shift();
    if (rows) send(rows);
    else if (!worked) {
      if (!paused) blockedUntil = now + LEASE_MS;
      return false;
    }
    if (queue.length === 0 || paused) {
      ctx.store.transaction(() => {
        recordLanded();
        if (rows && !paused) queue = split(claim(now, PIPELINE_BATCHES, rows.at(-1)!.id));
      });
    }
    return true;
  }

  return {
    name: "relay",
    async nextDue() {
      // A batch in flight is landed before any other work: nothing handles its messages before their publish is traced.
      if (inFlight) return Number.NEGATIVE_INFINITY;
      if (ctx.faults.relayPaused()) return undefined;
      const now = ctx.clock.now();
      if (queue.length > 0) return now;
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
      // What the transport took is recorded; a refused batch, and the claimed ones, are claimed again by the next relay.
      await land().catch(() => false);
      ctx.store.transaction(recordLanded);
    },
  };
}
