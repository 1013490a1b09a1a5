import { describe, expect, it } from "vitest";
import type { RetryPolicyDefinition } from "./definitions";
import { backoffDelay, decideRetry } from "./retryPolicy";

const policy: RetryPolicyDefinition = { maxAttempts: 4, initialMs: 100, multiplier: 3, maxMs: 500, jitter: 0.5, nonRetryable: ["ValidationError"] };

describe("retry policy", () => {
  it("given no jitter draw, then delays grow exponentially up to the cap", () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(policy, retry, 0))).toEqual([100, 300, 500, 500]);
  });

  it("given a jitter draw, then the delay shrinks by up to the jitter share", () => {
    expect(backoffDelay(policy, 1, 0.999999)).toBe(50);
    expect(backoffDelay(policy, 2, 0.5)).toBe(225);
    expect(backoffDelay({ ...policy, jitter: 0 }, 2, 0.9)).toBe(300);
  });

  it("retries until max attempts, then dead-letters as exhausted", () => {
    expect(decideRetry(policy, 1, "Error", 0)).toEqual({ action: "retry", delayMs: 100 });
    expect(decideRetry(policy, 3, "Error", 0)).toEqual({ action: "retry", delayMs: 500 });
    expect(decideRetry(policy, 4, "Error", 0)).toEqual({ action: "dead-letter", reason: "exhausted" });
  });

  it("sends a non-retryable error straight to the dead-letter queue", () => {
    expect(decideRetry(policy, 1, "ValidationError", 0)).toEqual({ action: "dead-letter", reason: "non-retryable" });
  });
});
