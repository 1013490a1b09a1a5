// Limits of the snippet sandbox, with their defaults. Every limit fails a snippet with a clear error.
import { SNIPPET_MAX_BYTES } from "../flow/schema";

export interface SandboxLimits {
  /** Wall time one call may take. */
  timeMs: number;
  /** Heap of the QuickJS runtime. */
  memoryBytes: number;
  /**
   * Guest stack. QuickJS measures it in WebAssembly linear memory, but its native recursion
   * (JSON.stringify of a nested result, the parser on nested literals) spends far more of the
   * host's own stack per level. Measured on Node 20: at 64 KiB a result nested 100,000 deep
   * overflowed the host's stack mid-stringify once ~2,000 host frames were in use (after which
   * QuickJS cannot free the runtime), and at 48 KiB a literal nested 1,000 deep overflowed it in
   * the parser; at 32 KiB QuickJS caught both itself.
   */
  stackBytes: number;
  /** Size of a snippet's source. */
  snippetBytes: number;
  /** Size of a result's JSON text. */
  resultBytes: number;
}

/** The largest guest stack whose overflow QuickJS still catches before the host's stack runs out. */
const MAX_STACK_BYTES = 32 * 1024;

export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  timeMs: 50,
  memoryBytes: 16 * 1024 * 1024,
  stackBytes: MAX_STACK_BYTES,
  snippetBytes: SNIPPET_MAX_BYTES,
  resultBytes: 1024 * 1024,
});

export function resolveLimits(overrides: Partial<SandboxLimits> = {}): SandboxLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) throw new RangeError(`sandbox limit ${name} must be a positive integer, not ${value}`);
  }
  if (limits.stackBytes > MAX_STACK_BYTES) {
    throw new RangeError(`sandbox limit stackBytes above ${MAX_STACK_BYTES / 1024} KiB lets deep recursion overflow the host's stack`);
  }
  return limits;
}
