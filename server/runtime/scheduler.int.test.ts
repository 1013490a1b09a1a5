import { afterEach, describe, expect, it } from "vitest";
import { liveClock } from "../core/clock";
import { addItem, create, submit } from "../core/testing/order";
import { createRunStore } from "../store";
import { createTempDatabase, type TempDatabase } from "../store/testing/tempDatabase";
import { createEngine, type Engine } from "./engine";
import { orderSystem, startHarness, type Harness } from "./testing/systems";

describe("scheduler", () => {
  let harness: Harness | undefined;
  let temp: TempDatabase | undefined;
  let engine: Engine | undefined;
  afterEach(async () => {
    await harness?.cleanup();
    await engine?.close();
    temp?.cleanup();
    harness = temp = engine = undefined;
  });

  it("given fast mode, then step() does one unit of work and runUntilIdle({ until }) stops virtual time there", async () => {
    harness = startHarness(orderSystem());
    await harness.engine.dispatch(create("o1"));
    await harness.engine.dispatch(addItem("o1", "book", 1, 10));
    await harness.engine.dispatch(submit("o1"));
    expect(await harness.engine.step()).toBe(true);
    expect(harness.store.outbox.pendingCount()).toBe(0);
    const partial = await harness.engine.runUntilIdle({ until: 60 });
    expect(partial).toMatchObject({ idle: false, now: 60 });
    expect(harness.store.events.readStream("payment-o1")).toHaveLength(1);
    expect(harness.store.events.readStream("inventory-o1")).toHaveLength(0);
    expect((await harness.engine.runUntilIdle()).idle).toBe(true);
    expect(harness.store.sagas.load("Fulfilment", "o1")!.status).toBe("completed");
  });

  it("given live mode at high speed, then the engine works in the background, paced by the clock, until stopped", async () => {
    temp = createTempDatabase();
    const clock = liveClock({ speed: 2000, source: () => performance.now() });
    engine = createEngine({ definition: orderSystem(), store: createRunStore(temp.db, "live"), seed: 3, clock });
    engine.start();
    await engine.dispatch(create("o1"));
    await engine.dispatch(addItem("o1", "book", 1, 10));
    await engine.dispatch(submit("o1"));
    for (let i = 0; i < 2000 && engine.store.sagas.load("Fulfilment", "o1")?.status !== "completed"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await engine.stop();
    expect(engine.running).toBe(false);
    expect(engine.store.sagas.load("Fulfilment", "o1")!.status).toBe("completed");
    const submitted = engine.store.events.readStream("order-o1").at(2)!.recordedAt;
    const shipped = engine.store.events.readStream("shipping-o1")[0]!.recordedAt;
    expect(shipped - submitted).toBeGreaterThanOrEqual(180);
  });
});
