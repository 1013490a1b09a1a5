// A corpus of hostile snippets: each must fail inside the sandbox's limits with a clear error,
// after which the sandbox must still evaluate normal snippets. Test data for the sandbox.
import type { SnippetFailure } from "../flow/snippets";

export interface HostileSnippet {
  name: string;
  code: string;
  /** The failures that count as a clear refusal (e.g. a memory bomb may hit the time or the memory limit first). */
  expect: SnippetFailure[];
  /** A phrase the error message must contain. */
  says?: string;
}

const NOT_AVAILABLE = "is not available in snippets";
const NO_CODE = "code generation (eval, the Function constructor) is not available";

export const hostileSnippets: HostileSnippet[] = [
  { name: "infinite while loop", code: "while (true) {}", expect: ["timeout"], says: "time limit" },
  { name: "infinite for loop", code: "for (;;) { Math.abs(1); }", expect: ["timeout"] },
  { name: "loop that catches the interrupt", code: "for (;;) { try { while (true) {} } catch (e) {} }\nreturn 1;", expect: ["timeout"] },
  { name: "catastrophic regex backtracking", code: 'return /^(a+)+$/.test("a".repeat(40) + "b");', expect: ["timeout"] },
  { name: "toJSON that never returns", code: "return { toJSON() { for (;;) {} } };", expect: ["timeout"] },
  { name: "deep recursion", code: "function down(n) { return down(n + 1) + 1; }\nreturn down(0);", expect: ["stack"], says: "recursed too deeply" },
  { name: "mutual recursion", code: "const a = (n) => b(n) + 1;\nconst b = (n) => a(n) + 1;\nreturn a(0);", expect: ["stack"] },
  { name: "recursive getter", code: "const o = { get x() { return this.x; } };\nreturn o.x;", expect: ["stack"] },
  { name: "array growing forever", code: "const a = [];\nwhile (true) a.push({ padding: 'xxxxxxxxxxxxxxxxxxxxxxxx' + a.length });", expect: ["memory", "timeout"] },
  { name: "string doubling", code: 'let s = "x";\nwhile (true) s += s;', expect: ["memory", "thrown"] },
  { name: "one huge string", code: 'return "x".repeat(2 ** 28).length;', expect: ["memory"], says: "memory limit of 16 MiB" },
  { name: "huge array fill", code: "return new Array(1e8).fill(0).length;", expect: ["memory", "timeout"] },
  { name: "huge array buffer", code: "return new Uint8Array(2 ** 30).length;", expect: ["memory", "thrown"] },
  { name: "reach for process", code: "return process.env;", expect: ["thrown"], says: `process ${NOT_AVAILABLE}` },
  { name: "reach for require", code: 'return require("fs").readFileSync("/etc/passwd", "utf8");', expect: ["thrown"], says: `require ${NOT_AVAILABLE}` },
  { name: "dynamic import", code: 'return import("fs");', expect: ["result"], says: "import()" },
  { name: "fetch the network", code: 'return fetch("http://127.0.0.1/");', expect: ["thrown"], says: `fetch ${NOT_AVAILABLE}` },
  { name: "setTimeout", code: "setTimeout(() => {}, 0);\nreturn 1;", expect: ["thrown"], says: `setTimeout ${NOT_AVAILABLE}` },
  { name: "setInterval", code: "setInterval(() => {}, 1);", expect: ["thrown"], says: NOT_AVAILABLE },
  { name: "queueMicrotask", code: "queueMicrotask(() => {});", expect: ["thrown"], says: NOT_AVAILABLE },
  { name: "a promise that never settles", code: "return new Promise(() => {});", expect: ["result"], says: "not a promise" },
  { name: "an async function", code: "return (async () => 1)();", expect: ["result"], says: "not a promise" },
  { name: "Function constructor", code: 'return new Function("return this")();', expect: ["thrown"], says: NO_CODE },
  { name: "Function called directly", code: 'return Function("return 1")();', expect: ["thrown"], says: NO_CODE },
  { name: "constructor of a function", code: 'return (function () {}).constructor("return 1")();', expect: ["thrown"], says: NO_CODE },
  { name: "constructor of an async function", code: 'return (async function () {}).constructor("return 1");', expect: ["thrown"], says: NO_CODE },
  { name: "constructor of a generator", code: 'return Object.getPrototypeOf(function* () {}).constructor("yield 1");', expect: ["thrown"], says: NO_CODE },
  { name: "direct eval", code: 'return eval("1 + 1");', expect: ["thrown"], says: NO_CODE },
  { name: "indirect eval", code: 'return (0, globalThis.eval)("1 + 1");', expect: ["thrown"], says: NO_CODE },
  { name: "Reflect.construct on Function", code: 'return Reflect.construct(Function, ["return 1"]);', expect: ["thrown"], says: NO_CODE },
  { name: "pollute Object.prototype", code: "Object.prototype.polluted = true;\nreturn 1;", expect: ["thrown"], says: "not extensible" },
  { name: "pollute through __proto__", code: "({}).__proto__.polluted = true;\nreturn 1;", expect: ["thrown"] },
  { name: "replace Array.prototype.push", code: "Array.prototype.push = function () { return 0; };\nreturn 1;", expect: ["thrown"] },
  { name: "replace JSON.parse", code: "JSON.parse = () => ({});\nreturn 1;", expect: ["thrown"] },
  { name: "define on Object.prototype", code: 'Object.defineProperty(Object.prototype, "x", { value: 1 });\nreturn 1;', expect: ["thrown"] },
  { name: "set a global", code: "globalThis.leak = 1;\nreturn 1;", expect: ["thrown"] },
  { name: "change Error.prototype.name", code: 'Error.prototype.name = "Hacked";\nreturn 1;', expect: ["thrown"], says: "built-ins are frozen" },
  { name: "Math.random breaks replay", code: "return Math.random();", expect: ["thrown"], says: "randomness are not available" },
  { name: "Date.now breaks replay", code: "return Date.now();", expect: ["thrown"], says: "clock" },
  { name: "new Date() breaks replay", code: "return new Date().getTime();", expect: ["thrown"], says: "clock" },
  { name: "the clock through Date.prototype.constructor", code: "return new (new Date(0).constructor)().getTime();", expect: ["thrown"], says: "clock" },
  { name: "this in a snippet", code: 'return this.constructor.constructor("return 1")();', expect: ["thrown"] },
  { name: "arguments.callee", code: "return arguments.callee;", expect: ["thrown"] },
  { name: "a cyclic result", code: "const a = {};\na.self = a;\nreturn a;", expect: ["result"] },
  { name: "a BigInt result", code: "return 10n;", expect: ["result"] },
  { name: "a result too large", code: 'return "x".repeat(2 * 1024 * 1024);', expect: ["result"], says: "larger than" },
  { name: "a syntax error", code: "const x = ;\nreturn x;", expect: ["syntax"], says: "SyntaxError" },
  { name: "a thrown object whose getter never returns", code: "throw { get name() { for (;;) {} } };", expect: ["timeout"], says: "time limit" },
  { name: "a proxy that never lists its keys", code: "return new Proxy({}, { ownKeys() { for (;;) {} } });", expect: ["timeout"] },
  { name: "a generator that never ends", code: "function* forever() { for (;;) yield 1; }\nreturn [...forever()];", expect: ["timeout", "memory"] },
  { name: "a result nested 20,000 deep", code: "let o = {};\nfor (let i = 0; i < 20000; i++) o = { o };\nreturn o;", expect: ["stack"], says: "recursed too deeply" },
  { name: "a structure nested 100,000 deep", code: "let o = {};\nfor (let i = 0; i < 100000; i++) o = { o };\nreturn o;", expect: ["timeout", "stack", "memory", "result"] },
  { name: "an error message of 10 MB", code: "throw new Error('x'.repeat(1e7));", expect: ["thrown"], says: "(10000000 characters)" },
  { name: "a static import", code: 'import fs from "fs";\nreturn fs;', expect: ["syntax"] },
  { name: "QuickJS's own os and std modules", code: "return [typeof os, typeof std];", expect: ["thrown"], says: `os ${NOT_AVAILABLE}` },
  { name: "shared memory and Atomics.wait", code: "return Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);", expect: ["thrown"], says: NOT_AVAILABLE },
  { name: "a snippet too large", code: `return ${JSON.stringify("x".repeat(9000))};`, expect: ["size"], says: "the limit is" },
];
