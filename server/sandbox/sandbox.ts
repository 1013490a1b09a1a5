// The snippet sandbox: QuickJS compiled to WebAssembly, with limits on time, memory, stack,
// snippet size and result size, no host objects, frozen built-ins. Implements SnippetEvaluator.
// Never uses eval, new Function or node:vm in the host.
import { getQuickJS, newQuickJSWASMModule, shouldInterruptAfterDeadline, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule } from "quickjs-emscripten";
import type { Json } from "../flow/json";
import { SnippetError, type SnippetEvaluator, type SnippetRequest } from "../flow/snippets";
import { classify, readGuestError } from "./guestError";
import { resolveLimits, type SandboxLimits } from "./limits";
import { PRELUDE } from "./prelude";
import { wrap, type Wrapped } from "./wrapper";

const MAX_CACHED_FUNCTIONS = 256;

interface Session {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  functions: Map<string, { handle: QuickJSHandle; wrapped: Wrapped }>;
}

function withoutProto(key: string, value: unknown): unknown {
  return key === "__proto__" ? undefined : value;
}

/** A failure of the host side of the sandbox (its context was discarded). */
function hostFailure(snippet: string, error: unknown): SnippetError | unknown {
  if (error instanceof RangeError) return new SnippetError(snippet, "stack", `recursed too deeply: ${error.message}`);
  if (error instanceof Error && /memory/i.test(error.message)) return new SnippetError(snippet, "memory", error.message);
  return error;
}

export class Sandbox implements SnippetEvaluator {
  private session: Session | undefined;
  /** When the current call's time is up (a guest error read after it is a timeout, whatever it says). */
  private deadline = 0;
  private readonly encoder = new TextEncoder();

  /** Set while a fresh WebAssembly instance loads to replace one QuickJS could not free a runtime in. */
  private replacing: Promise<void> | undefined;

  constructor(
    private module: QuickJSWASMModule,
    readonly limits: SandboxLimits,
  ) {}

  evaluate(request: SnippetRequest): Promise<Json | undefined> {
    try {
      return Promise.resolve(this.evaluateSync(request));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Same as `evaluate`, answering synchronously. */
  evaluateSync(request: SnippetRequest): Json | undefined {
    const size = this.encoder.encode(request.code).length;
    if (size > this.limits.snippetBytes) {
      throw new SnippetError(request.name, "size", `is ${size} bytes; the limit is ${this.limits.snippetBytes} bytes`);
    }
    const session = this.open();
    this.deadline = Date.now() + this.limits.timeMs;
    session.runtime.setInterruptHandler(shouldInterruptAfterDeadline(this.deadline));
    try {
      const compiled = this.compile(session, request);
      const text = this.call(session, compiled, request);
      if (session.runtime.hasPendingJob()) this.close();
      if (text === undefined) return undefined;
      if (text.length > this.limits.resultBytes) {
        throw new SnippetError(request.name, "result", `the result is larger than ${this.limits.resultBytes} bytes`);
      }
      return JSON.parse(text, withoutProto) as Json;
    } catch (error) {
      if (error instanceof SnippetError) throw error;
      this.close();
      throw hostFailure(request.name, error);
    } finally {
      this.session?.runtime.removeInterruptHandler();
    }
  }

  dispose(): void {
    this.close();
  }

  private open(): Session {
    if (this.session) return this.session;
    const runtime = this.module.newRuntime();
    runtime.setMemoryLimit(this.limits.memoryBytes);
    runtime.setMaxStackSize(this.limits.stackBytes);
    const context = runtime.newContext();
    const prelude = context.evalCode(PRELUDE, "prelude");
    if (prelude.error) {
      const reason = context.dump(prelude.error);
      prelude.error.dispose();
      context.dispose();
      runtime.dispose();
      throw new Error(`the sandbox prelude failed: ${JSON.stringify(reason)}`);
    }
    prelude.value.dispose();
    this.session = { runtime, context, functions: new Map() };
    return this.session;
  }

  private close(): void {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    try {
      for (const { handle } of session.functions.values()) handle.dispose();
      session.context.dispose();
      session.runtime.dispose();
    } catch {
      // QuickJS aborted while freeing a runtime that the host's stack overflowing mid-evaluation left
      // with live objects (the stack limit keeps QuickJS's own check first; this is the fallback):
      // that memory is lost inside this WebAssembly instance, so runtimes come from a fresh instance
      // once it has loaded, and the old one is left to the garbage collector.
      this.replaceModule();
    }
  }

  private replaceModule(): void {
    this.replacing ??= newQuickJSWASMModule()
      .then((module) => {
        this.close(); // between calls (evaluation is synchronous): the next call opens on the new instance
        this.module = module;
      })
      .catch(() => undefined) // cannot load another: carry on with the current instance
      .finally(() => {
        this.replacing = undefined;
      });
  }

  private fail(session: Session, handle: QuickJSHandle, request: SnippetRequest, wrapped: Wrapped, compiling: boolean): never {
    const read = readGuestError(session.context, handle);
    // A thrown object's getters run while it is read; one that never returns is interrupted and reads as nothing.
    const guest = read.message === "" && Date.now() >= this.deadline ? { ...read, name: "InternalError", message: "interrupted" } : read;
    handle.dispose();
    const { error, fatal } = classify(guest, request.name, wrapped, this.limits, compiling);
    if (fatal) this.close();
    throw error;
  }

  private compile(session: Session, request: SnippetRequest): { handle: QuickJSHandle; wrapped: Wrapped } {
    const params = Object.keys(request.input);
    const key = JSON.stringify([request.name, params, request.code]);
    const cached = session.functions.get(key);
    if (cached) return cached;
    const wrapped = wrap(request.code, params);
    const result = session.context.evalCode(wrapped.source, request.name);
    if (result.error) this.fail(session, result.error, request, wrapped, true);
    const entry = { handle: result.value, wrapped };
    session.functions.set(key, entry);
    if (session.functions.size > MAX_CACHED_FUNCTIONS) {
      const [oldestKey, oldest] = session.functions.entries().next().value as [string, { handle: QuickJSHandle }];
      oldest.handle.dispose();
      session.functions.delete(oldestKey);
    }
    return entry;
  }

  private call(session: Session, compiled: { handle: QuickJSHandle; wrapped: Wrapped }, request: SnippetRequest): string | undefined {
    const { context } = session;
    const input = context.newString(JSON.stringify(request.input));
    const result = context.callFunction(compiled.handle, context.undefined, input);
    input.dispose();
    if (result.error) this.fail(session, result.error, request, compiled.wrapped, false);
    try {
      return context.typeof(result.value) === "string" ? context.getString(result.value) : undefined;
    } finally {
      result.value.dispose();
    }
  }
}

/** A sandbox with the given limits (defaults: 50 ms, 16 MiB, 32 KiB stack, 8 KiB snippets, 1 MiB results). */
export async function createSandbox(limits: Partial<SandboxLimits> = {}): Promise<Sandbox> {
  const resolved = resolveLimits(limits);
  return new Sandbox(await getQuickJS(), resolved);
}
