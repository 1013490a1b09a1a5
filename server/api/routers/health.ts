// Server liveness: a heartbeat subscription streamed over server-sent events. It waits with Node's
// abortable timer, which drops its abort listener when the wait is over (a listener added per beat
// and never removed piled up on the request's signal: MaxListenersExceededWarning after 10 beats).
import { setTimeout as delay } from "node:timers/promises";
import { publicProcedure, router } from "../trpc";

const startedAt = Date.now();

export interface Beat {
  beat: number;
  uptimeSeconds: number;
}

/** One beat now and one every `everyMs` until `signal` aborts. */
export async function* heartbeats(signal: AbortSignal | undefined, everyMs: number): AsyncGenerator<Beat> {
  let beat = 0;
  while (!signal?.aborted) {
    yield { beat: beat++, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
    // Rejects only when the signal aborts, which ends the loop.
    await delay(everyMs, undefined, signal ? { signal } : {}).catch(() => undefined);
  }
}

export const healthRouter = router({
  heartbeat: publicProcedure.subscription(({ signal }) => heartbeats(signal, 1000)),
});
