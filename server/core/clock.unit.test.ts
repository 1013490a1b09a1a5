import { describe, expect, it } from "vitest";
import { fastClock, liveClock } from "./clock";

describe("fastClock", () => {
  it("given virtual time, when advanced, then it only moves forward and never by itself", () => {
    const clock = fastClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advanceTo(1500);
    clock.advanceTo(1200);
    expect(clock.now()).toBe(1500);
  });
});

describe("liveClock", () => {
  it("given an injected wall time and speed 10, then clock time runs ten times faster, can change speed without a jump, and pauses", () => {
    let wall = 100;
    const clock = liveClock({ speed: 10, source: () => wall, start: 5000 });
    wall = 150;
    expect(clock.now()).toBe(5500);
    clock.setSpeed(1);
    wall = 250;
    expect(clock.now()).toBe(5600);
    clock.pause();
    wall = 1000;
    expect(clock.now()).toBe(5600);
    clock.resume();
    wall = 1010;
    expect(clock.now()).toBe(5610);
  });

  it("never goes backwards even if the source does, and refuses a bad speed", () => {
    let wall = 100;
    const clock = liveClock({ speed: 1, source: () => wall });
    wall = 200;
    expect(clock.now()).toBe(100);
    wall = 150;
    expect(clock.now()).toBe(100);
    expect(() => clock.setSpeed(0)).toThrow("A clock speed must be a positive number, not 0.");
  });
});
