// A sandbox whose QuickJS instance prints into a list instead of stderr, for tests to assert it
// printed nothing: QuickJS prints `Aborted(Assertion failed: list_empty(&rt->gc_obj_list)…)` when
// a runtime cannot be freed (objects left alive, e.g. by a host stack overflow mid-evaluation).
import { newQuickJSWASMModule, newVariant, RELEASE_SYNC } from "quickjs-emscripten";
import { resolveLimits, type SandboxLimits } from "./limits";
import { Sandbox } from "./sandbox";

type EmscriptenModuleOptions = NonNullable<Parameters<typeof newVariant>[1]["emscriptenModule"]>;

export async function createPrintingSandbox(limits: Partial<SandboxLimits> = {}): Promise<{ sandbox: Sandbox; printed: string[] }> {
  const printed: string[] = [];
  // printErr is an Emscripten Module option that quickjs-emscripten passes through without typing it.
  const emscriptenModule = { printErr: (text: string) => printed.push(text) } as EmscriptenModuleOptions;
  const module = await newQuickJSWASMModule(newVariant(RELEASE_SYNC, { emscriptenModule }));
  return { sandbox: new Sandbox(module, resolveLimits(limits)), printed };
}
