// The hostile-snippet corpus run many times in one process: every snippet is refused within
// its limits with a clear error each time, the sandbox keeps working, and after GC the
// process's memory returns to its baseline (no leaked QuickJS runtimes, handles or buffers), and
// QuickJS never complains that it could not free a runtime.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SnippetError } from "../../../server/flow/snippets";
import { hostileSnippets } from "../../../server/sandbox/hostileSnippets";
import { createPrintingSandbox } from "../../../server/sandbox/printingSandbox";
import type { Sandbox } from "../../../server/sandbox/sandbox";

const WARM_UP_ROUNDS = 2;
const ROUNDS = 15;
const MiB = 1024 * 1024;
/**
 * Allowed growth after GC: allocator slack, not a leak. WebAssembly memory (in `external` and
 * rss) grows in 16 MiB steps and never shrinks; a leaked runtime per round would pass 15 × 16 MiB.
 */
const WASM_BOUND = 64 * MiB;
const HEAP_BOUND = 8 * MiB;

let sandbox: Sandbox;
/** What QuickJS printed (an abort when a runtime cannot be freed). */
let printed: string[];
beforeAll(async () => {
  ({ sandbox, printed } = await createPrintingSandbox());
});
afterAll(() => sandbox.dispose());

/** Memory after full collections, with event-loop turns between them (WebAssembly memories are released by finalizers). */
async function collect(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run the soak suite with --expose-gc (test/soak/vitest.config.ts does)");
  for (let i = 0; i < 5; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage();
}

async function runCorpus(): Promise<void> {
  for (const snippet of hostileSnippets) {
    const error = await sandbox.evaluate({ name: snippet.name, code: snippet.code, input: { event: { n: 1 } } }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error, snippet.name).toBeInstanceOf(SnippetError);
    expect(snippet.expect, snippet.name).toContain((error as SnippetError).failure);
    expect(await sandbox.evaluate({ name: "normal", code: "return event.n + 41;", input: { event: { n: 1 } } })).toBe(42);
    expect(printed.splice(0), snippet.name).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve)); // as a server does between requests
  }
}

describe("the sandbox under a hostile corpus, many times over", () => {
  it(`Given ${ROUNDS} rounds of the corpus in one process, When memory is measured after GC, Then it is back at its baseline and QuickJS printed nothing`, async () => {
    const start = await collect();
    for (let round = 0; round < WARM_UP_ROUNDS; round++) await runCorpus();
    const baseline = await collect();
    for (let round = 0; round < ROUNDS; round++) await runCorpus();
    const after = await collect();
    const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
    console.log(
      `sandbox memory over ${ROUNDS} × ${hostileSnippets.length} hostile snippets: rss ${mib(start.rss)} at start, ${mib(baseline.rss)} after warm-up, ${mib(after.rss)} after (${mib(after.rss - baseline.rss)}); heap ${mib(baseline.heapUsed)} → ${mib(after.heapUsed)}; external ${mib(baseline.external)} → ${mib(after.external)}`,
    );
    expect(after.rss - baseline.rss).toBeLessThan(WASM_BOUND);
    expect(after.external - baseline.external).toBeLessThan(WASM_BOUND);
    expect(after.heapUsed - baseline.heapUsed).toBeLessThan(HEAP_BOUND);
  });
});
