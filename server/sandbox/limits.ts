// Limits of the snippet sandbox, with their defaults. Every limit fails a snippet with a clear error.
import { SNIPPET_MAX_BYTES } from "../flow/schema";

export interface SandboxLimits {
  /** Wall time one call may take. */
  timeMs: number;
  /** Heap of the QuickJS runtime. */
  memoryBytes: number;
  /** Guest stack; 128 KiB keeps deep recursion inside the guest (larger lets it overflow the host's). */
  stackBytes: number;
  /** Size of a snippet's source. */
  snippetBytes: number;
  /** Size of a result's JSON text. */
  resultBytes: number;
}

export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  timeMs: 50,
  memoryBytes: 16 * 1024 * 1024,
  stackBytes: 128 * 1024,
  snippetBytes: SNIPPET_MAX_BYTES,
  resultBytes: 1024 * 1024,
});

export function resolveLimits(overrides: Partial<SandboxLimits> = {}): SandboxLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) throw new RangeError(`sandbox limit ${name} must be a positive integer, not ${value}`);
  }
  if (limits.stackBytes > 256 * 1024) {
    throw new RangeError("sandbox limit stackBytes above 256 KiB lets deep recursion overflow the host's stack");
  }
  return limits;
}
