import { describe, expect, it } from "vitest";
import { liveClock } from "../core/clock";
import { createScheduler, type Worker } from "./scheduler";

/** A worker with `units` units of work due now; records whether each ran inside a batch. */
function backlog(units: number, insideBatch: () => boolean) {
  const ran: boolean[] = [];
  const worker: Worker = {
    name: "backlog",
    nextDue: async () => (ran.length < units ? 0 : undefined),
    async runOnce() {
      ran.push(insideBatch());
      return true;
    },
    async close() {},
  };
  return { worker, ran };
}

describe("scheduler, live mode", () => {
  it("given a live batch, when a backlog is due, then its steps run in slices of at most 100 that each share one batch", async () => {
    let open = false;
    const slices: number[] = [];
    const { worker, ran } = backlog(250, () => open);
    const scheduler = createScheduler(liveClock({ speed: 1, source: () => performance.now() }), [worker], {
      liveBatch: async (work) => {
        open = true;
        const before = ran.length;
        try {
          return await work();
        } finally {
          open = false;
          if (ran.length > before) slices.push(ran.length - before);
        }
      },
      idleCheckMs: 1,
    });
    scheduler.start();
    for (let i = 0; i < 1000 && ran.length < 250; i++) await new Promise((resolve) => setTimeout(resolve, 2));
    await scheduler.stop();
    expect(ran).toHaveLength(250);
    expect(ran.every((inside) => inside)).toBe(true);
    expect(slices.reduce((sum, n) => sum + n, 0)).toBe(250);
    expect(Math.max(...slices)).toBeLessThanOrEqual(100);
    expect(slices.length).toBeGreaterThanOrEqual(3);
  });

  it("given no live batch, then each step runs on its own", async () => {
    const { worker, ran } = backlog(20, () => false);
    const scheduler = createScheduler(liveClock({ speed: 1, source: () => performance.now() }), [worker], { idleCheckMs: 1 });
    scheduler.start();
    for (let i = 0; i < 500 && ran.length < 20; i++) await new Promise((resolve) => setTimeout(resolve, 2));
    await scheduler.stop();
    expect(ran).toHaveLength(20);
  });
});
