// The heartbeat's waits leave no abort listener behind on the request's signal.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { heartbeats } from "./health";

describe("heartbeats", () => {
  it("given a subscription that beats 15 times, then its signal holds at most one abort listener, and an abort ends it", async () => {
    const abort = new AbortController();
    const beats = heartbeats(abort.signal, 1);
    const seen: number[] = [];
    let most = 0;
    for await (const { beat } of beats) {
      seen.push(beat);
      most = Math.max(most, getEventListeners(abort.signal, "abort").length);
      if (beat === 14) break;
    }
    expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(most).toBeLessThanOrEqual(1);
    expect(getEventListeners(abort.signal, "abort")).toHaveLength(0);

    const more = heartbeats(abort.signal, 60_000);
    await more.next();
    const waiting = more.next();
    abort.abort();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
  });
});
