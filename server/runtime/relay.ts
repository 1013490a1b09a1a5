// The outbox relay: claims a batch of unpublished rows, publishes them to the
// transport, then marks them published (and traces each). A crash between
// publishing and marking publishes them again: at-least-once.

import type { OutboxSettings } from "../core/definitions";
import { HEADER } from "../core/messageHeaders";
import type { RunContext } from "./runContext";
import type { Worker } from "./scheduler";
import type { Transport } from "./transport";

/** Claims by this owner survive a restart of the same engine, so it reclaims them at once. */
export const RELAY_OWNER = "relay";
const LEASE_MS = 30_000;
/** Worker processes (Kafka mode) enqueue rows this process hears nothing of: look at the store again after this long (clock ms). */
const RECHECK_MS = 50;

export function createRelay(ctx: RunContext, transport: Transport, settings: OutboxSettings, owner = RELAY_OWNER): Worker {
  let lastRunAt = Number.NEGATIVE_INFINITY;
  let blockedUntil = Number.NEGATIVE_INFINITY;
  /** Whether rows are pending, known until the next enqueue; undefined = ask the store. */
  let pending: boolean | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  const stopListening = ctx.store.outbox.onEnqueued(() => {
    pending = undefined;
    blockedUntil = Number.NEGATIVE_INFINITY;
  });
  return {
    name: "relay",
    async nextDue() {
      if (ctx.faults.relayPaused()) return undefined;
      const now = ctx.clock.now();
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
      const rows = ctx.store.outbox.claimBatch(owner, settings.batchSize, now, LEASE_MS);
      if (rows.length === 0) {
        // Pending rows are claimed by another relay: look again when its lease ends.
        blockedUntil = now + LEASE_MS;
        return false;
      }
      await transport.publish(rows);
      ctx.store.transaction(() => {
        ctx.store.outbox.markPublished(
          rows.map((row) => row.id),
          now,
        );
        for (const row of rows) {
          ctx.trace("outbox-publish", {
            messageId: row.messageId,
            correlationId: row.headers[HEADER.correlationId] ?? null,
            causationId: row.headers[HEADER.causationId] ?? null,
            fromNode: "outbox",
            toNode: row.topic,
            summary: `Published ${row.headers[HEADER.type] ?? "message"} to ${row.topic}`,
          });
        }
      });
      return true;
    },
    async close() {
      stopListening();
    },
  };
}
