import { describe, expect, it } from "vitest";
import { createPacer, DRAIN_MS, HOP_MS } from "./pacing";

/** Frames of 16 ms until `queued` entries are all released, with `arriving` new entries per frame. */
function drain(queued: number, arriving = 0, speed = 1, maxFrames = 10_000) {
  const pacer = createPacer();
  let frames = 0;
  let peak = queued;
  while (frames < maxFrames && (queued > 0 || arriving > 0)) {
    queued -= pacer.release(queued, 16, speed);
    queued += arriving;
    peak = Math.max(peak, queued);
    frames++;
    if (arriving > 0 && frames > 600) break;
  }
  return { frames, queued, peak };
}

describe("pacing", () => {
  it("given one hop after a quiet spell, when the next frame comes, then it leaves at once", () => {
    expect(createPacer().release(1, 16, 1)).toBe(1);
  });

  it("given a tour step's burst of 40 hops at speed ×1, then it plays over a few seconds, hop by hop", () => {
    const { frames } = drain(40);
    expect(frames * 16).toBeGreaterThan(1_500);
    expect(frames * 16).toBeLessThan(40 * HOP_MS);
  });

  it("given 5,000 hops arriving every second, then the backlog stays bounded near DRAIN_MS of traffic", () => {
    const { peak } = drain(0, 80);
    expect(peak).toBeLessThan((5_000 * DRAIN_MS) / 1000 * 1.2);
  });

  it("given a higher speed, then a burst plays faster", () => {
    expect(drain(40, 0, 8).frames).toBeLessThan(drain(40, 0, 1).frames);
  });
});
