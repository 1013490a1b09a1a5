// Retry decisions for a failed delivery: exponential backoff with jitter up to
// max attempts; non-retryable errors go straight to the dead-letter queue.
// Pure: the random draw is passed in.

import type { RetryPolicyDefinition } from "./definitions";

export type RetryDecision =
  | { action: "retry"; delayMs: number }
  | { action: "dead-letter"; reason: "non-retryable" | "exhausted" };

export const DEFAULT_RETRY_POLICY: RetryPolicyDefinition = {
  maxAttempts: 5,
  initialMs: 100,
  multiplier: 2,
  maxMs: 10_000,
  jitter: 0.2,
  nonRetryable: [],
};

/**
 * @param attempt deliveries made so far, including the one that just failed (>= 1)
 * @param errorName Error.name of the failure
 * @param draw uniform random in [0, 1) for the jitter
 */
export function decideRetry(policy: RetryPolicyDefinition, attempt: number, errorName: string, draw: number): RetryDecision {
  if (policy.nonRetryable.includes(errorName)) return { action: "dead-letter", reason: "non-retryable" };
  if (attempt >= policy.maxAttempts) return { action: "dead-letter", reason: "exhausted" };
  return { action: "retry", delayMs: backoffDelay(policy, attempt, draw) };
}

/** Delay (ms) before retry number `retry` (1 = first retry): initial × multiplier^(retry−1), capped, minus up to `jitter` of it. */
export function backoffDelay(policy: RetryPolicyDefinition, retry: number, draw: number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.multiplier ** (retry - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.max(0, Math.round(base * (1 - jitter * draw)));
}
