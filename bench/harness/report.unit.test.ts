import { describe, expect, it } from "vitest";
import { formatNumber, oneLine } from "./report";

describe("report cells", () => {
  it("given a reason with colour codes and line breaks, when put in a cell, then it is one plain line", () => {
    expect(oneLine("locator.waitFor: Timeout\nCall log:\n\u001b[2m  - waiting\u001b[22m")).toBe("locator.waitFor: Timeout Call log: - waiting");
  });

  it("given a very long reason, when put in a cell, then it is clipped", () => {
    expect(oneLine("x".repeat(400))).toHaveLength(300);
  });

  it("given numbers of every size, when formatted, then large ones are grouped and small ones keep 2 significant digits", () => {
    expect([123456.7, 42.25, 0.8567, 0.0069, 0].map(formatNumber)).toEqual(["123,457", "42.3", "0.857", "0.0069", "0"]);
  });
});
