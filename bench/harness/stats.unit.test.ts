import { describe, expect, it } from "vitest";
import { median, perRoundRatios, roundOrder, spread } from "./stats";

describe("median and spread", () => {
  it("given an odd count, when taking the median, then it is the middle value of the sorted values", () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it("given an even count, when taking the median, then it is the mean of the two middle values", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("given no values, when taking the median, then it refuses", () => {
    expect(() => median([])).toThrow(RangeError);
  });

  it("given rates, when spread, then median, min and max come out", () => {
    expect(spread([10, 30, 20])).toEqual({ median: 20, min: 10, max: 30 });
  });
});

describe("per-round ratios", () => {
  it("given rates of two contenders, when compared by rate, then each round's ratio is of / vs", () => {
    expect(perRoundRatios([50, 90], [100, 100], "rate")).toEqual([0.5, 0.9]);
  });

  it("given rates, when compared by time, then each round's ratio is the time per unit of / vs", () => {
    // 1000 units/s takes 1 ms a unit, 10 units/s takes 100 ms: time ratio 0.01.
    expect(perRoundRatios([1000], [10], "time")).toEqual([0.01]);
  });

  it("given rounds that differ in number, when compared, then it refuses", () => {
    expect(() => perRoundRatios([1, 2], [1], "rate")).toThrow(RangeError);
  });

  it("given a round where the machine was slower for both, when compared, then the ratio is unchanged", () => {
    expect(perRoundRatios([80, 40], [100, 50], "rate")).toEqual([0.8, 0.8]);
  });
});

describe("round order", () => {
  it("given three contenders, when rounds go by, then each starts a round in turn and every order is a permutation", () => {
    const orders = [0, 1, 2, 3, 4, 5].map((round) => roundOrder(3, round));
    expect(orders.slice(0, 3).map((order) => order[0])).toEqual([0, 1, 2]);
    for (const order of orders) expect([...order].sort()).toEqual([0, 1, 2]);
  });

  it("given two contenders, when rounds go by, then they alternate who runs first", () => {
    expect([0, 1, 2, 3].map((round) => roundOrder(2, round)[0])).toEqual([0, 1, 1, 0]);
  });
});
