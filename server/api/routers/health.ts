// Server liveness: a heartbeat subscription streamed over server-sent events.
import { publicProcedure, router } from "../trpc";

const startedAt = Date.now();

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

export const healthRouter = router({
  heartbeat: publicProcedure.subscription(async function* ({ signal }) {
    let beat = 0;
    while (!signal?.aborted) {
      yield { beat: beat++, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
      await sleep(1000, signal);
    }
  }),
});
