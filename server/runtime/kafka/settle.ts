// When a run on Kafka has settled: nothing left in the outbox, every group known to
// the transport (here or in workers) has committed every record of its topics, and
// every projection has counted every event — seen twice in a row. Waits are bounded.
// settlingOnKafka gives an engine whose "run until idle" means exactly that, for the
// callers written against the in-process engine (tours, the studio's settle).

import type { Engine } from "../engine";
import type { KafkaTransport } from "./kafkaTransport";

export class NotSettledError extends Error {
  override readonly name = "NotSettledError";
}

export interface SettleOptions {
  /** Longest wait (ms); default 30 s. */
  timeoutMs?: number;
  /** Pause between looks (ms); default 100. */
  pollMs?: number;
}

/** What is still moving, or undefined when the run is quiet. */
export async function stillMoving(engine: Engine, transport: KafkaTransport): Promise<string | undefined> {
  const outbox = engine.store.outbox.pendingCount();
  if (outbox > 0) return `${outbox} outbox row(s) unpublished`;
  const head = engine.store.events.headPosition();
  const behind = engine.system.definition.projections.filter((projection) => engine.projectionPosition(projection.name) < head).map((p) => p.name);
  if (behind.length > 0) return `projection(s) ${behind.join(", ")} behind position ${head}`;
  let lag: number;
  try {
    lag = await transport.lag();
  } catch (error) {
    // Right after topics are created the broker may not answer offset requests yet.
    return `group offsets not readable yet (${error instanceof Error ? error.message : String(error)})`;
  }
  if (lag > 0) return `${lag} record(s) not yet committed by their groups`;
  return undefined;
}

export async function waitUntilSettled(engine: Engine, transport: KafkaTransport, options: SettleOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pollMs = options.pollMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let quietLooks = 0;
  for (;;) {
    const moving = await stillMoving(engine, transport);
    quietLooks = moving === undefined ? quietLooks + 1 : 0;
    if (quietLooks >= 2) return;
    if (Date.now() > deadline) throw new NotSettledError(`The run did not settle within ${timeoutMs} ms: ${moving ?? "it was quiet only once"}.`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * `engine`, except that runUntilIdle() plays the scheduler (starting it if it was stopped, and
 * stopping it again after) until the run on Kafka has settled: records arrive from the broker in
 * their own time, so "nothing is due here now" proves nothing. Throws NotSettledError after the
 * timeout.
 */
export function settlingOnKafka(engine: Engine, transport: KafkaTransport, options: SettleOptions = {}): Engine {
  return Object.assign(Object.create(engine) as Engine, {
    async runUntilIdle() {
      const wasRunning = engine.running;
      if (!wasRunning) engine.start();
      try {
        await waitUntilSettled(engine, transport, options);
      } finally {
        if (!wasRunning) await engine.stop();
      }
      return { steps: 0, idle: true, now: engine.clock.now() };
    },
  });
}
