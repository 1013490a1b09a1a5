import { describe, expect, it } from "vitest";
import { createRunClock } from "./runClock";

describe("run clock", () => {
  it("given a playing run at ×4, when the wall moves, then clock time runs four times faster and the engine sees live mode", () => {
    let wall = 1000;
    const run = createRunClock({ speed: 4, source: () => wall, start: 500, playing: true });
    wall = 1100;
    expect(run.now()).toBe(900);
    expect(run.clock.mode).toBe("live");
  });

  it("given a playing run, when paused, then time stands still, the engine sees fast mode, and only advanceTo moves it", () => {
    let wall = 0;
    const run = createRunClock({ speed: 2, source: () => wall, start: 0, playing: true });
    wall = 50;
    run.pause();
    wall = 5000;
    expect(run.now()).toBe(100);
    expect(run.clock.mode).toBe("fast");
    if (run.clock.mode === "fast") run.clock.advanceTo(350);
    expect(run.now()).toBe(350);
  });

  it("given a paused run that stepped ahead, when played again, then time continues from there without a jump back", () => {
    let wall = 0;
    const run = createRunClock({ speed: 1, source: () => wall, start: 0, playing: false });
    if (run.clock.mode === "fast") run.clock.advanceTo(800);
    wall = 10_000;
    run.play();
    expect(run.now()).toBe(800);
    wall = 10_020;
    expect(run.now()).toBe(820);
  });

  it("given a shared (Kafka) clock that was paused and stepped, when played again, then it resumes at wall time, never going back, and keeps ×1", () => {
    let wall = 1_000;
    const run = createRunClock({ speed: 1, source: () => wall, start: 1_000, playing: false, shared: true });
    wall = 5_000;
    run.play();
    expect(run.now()).toBe(5_000);
    run.pause();
    if (run.clock.mode === "fast") run.clock.advanceTo(9_000);
    wall = 6_000;
    run.play();
    expect(run.now()).toBe(9_000);
    expect(() => run.setSpeed(2)).toThrow("A run on Kafka keeps wall time (×1), which its worker processes share; its speed cannot be ×2.");
  });

  it("given a playing run, when the speed changes, then virtual time stays continuous", () => {
    let wall = 0;
    const run = createRunClock({ speed: 16, source: () => wall, start: 0, playing: true });
    wall = 10;
    run.setSpeed(0.25);
    expect(run.now()).toBe(160);
    wall = 50;
    expect(run.now()).toBe(170);
  });

  it("given a speed outside ×0.25..×16, then it is refused with a sentence", () => {
    const run = createRunClock({ speed: 1, source: () => 0, start: 0, playing: false });
    expect(() => run.setSpeed(32)).toThrow(/between ×0.25 and ×16/);
    expect(() => createRunClock({ speed: 0, source: () => 0, start: 0, playing: true })).toThrow(RangeError);
  });
});
