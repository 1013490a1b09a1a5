// Guest code run once in every fresh QuickJS context before any snippet: removes every way to
// reach code generation, host-like globals, the clock and randomness, then deep-freezes the
// built-ins so nothing a snippet does survives it. Runs inside the guest only.
export const PRELUDE = String.raw`(function () {
  "use strict";
  const define = Object.defineProperty;
  const refuse = (ErrorType, sentence) => ({
    get() { throw new ErrorType(sentence); },
    set() { throw new ErrorType(sentence); },
    enumerable: false,
    configurable: false,
  });
  const host = ["process", "require", "module", "exports", "global", "fetch", "XMLHttpRequest", "WebSocket",
    "setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate", "queueMicrotask",
    "Deno", "Bun", "__dirname", "__filename", "importScripts", "std", "os", "print", "console", "SharedArrayBuffer", "Atomics", "WeakRef", "FinalizationRegistry"];
  for (const name of host) {
    define(globalThis, name, refuse(ReferenceError, name + " is not available in snippets: they run without host objects, modules, timers or network"));
  }
  const noCode = refuse(EvalError, "code generation (eval, the Function constructor) is not available in snippets");
  define(globalThis, "eval", noCode);
  define(globalThis, "Function", noCode);
  for (const fn of [function () {}, async function () {}, function* () {}, async function* () {}]) {
    define(Object.getPrototypeOf(fn), "constructor", noCode);
  }
  const clock = "the clock and randomness are not available in snippets: use the values passed in (e.g. now)";
  define(Math, "random", refuse(TypeError, clock));
  define(Date, "now", refuse(TypeError, clock));
  const RealDate = Date;
  const SafeDate = new Proxy(RealDate, {
    apply() { throw new TypeError(clock); },
    construct(target, args, newTarget) {
      if (args.length === 0) throw new TypeError(clock);
      return Reflect.construct(target, args, newTarget);
    },
  });
  define(RealDate.prototype, "constructor", { value: SafeDate, writable: false, enumerable: false, configurable: false });
  define(globalThis, "Date", { value: SafeDate, writable: false, enumerable: false, configurable: false });

  // Frozen built-ins make "this.name = x" on an instance fail (the override mistake):
  // turn the usual ones into accessors that define an own property instead.
  const tame = (proto, key) => {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (!desc || !("value" in desc) || !desc.writable) return;
    const value = desc.value;
    define(proto, key, {
      get() { return value; },
      set(next) {
        if (this === proto) throw new TypeError("built-ins are frozen in snippets: cannot change " + String(key));
        define(this, key, { value: next, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  };
  for (const key of ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString"]) {
    tame(Object.prototype, key);
  }
  const errors = [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];
  if (typeof AggregateError === "function") errors.push(AggregateError);
  if (typeof InternalError === "function") errors.push(InternalError);
  for (const E of errors) for (const key of ["name", "message", "constructor", "toString"]) tame(E.prototype, key);

  const seen = new Set();
  const pending = [globalThis];
  while (pending.length > 0) {
    const value = pending.pop();
    if ((typeof value !== "object" && typeof value !== "function") || value === null || seen.has(value)) continue;
    seen.add(value);
    Object.freeze(value);
    pending.push(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const desc = Object.getOwnPropertyDescriptor(value, key);
      if ("value" in desc) pending.push(desc.value);
      else pending.push(desc.get, desc.set);
    }
  }
})();`;
