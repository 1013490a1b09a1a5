import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SnippetError } from "../flow/snippets";
import { createSandbox, type Sandbox } from "./sandbox";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(() => sandbox.dispose());

async function failure(promise: Promise<unknown>): Promise<SnippetError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof SnippetError)) throw new Error(`expected a SnippetError, got ${String(error)}`);
  return error;
}

describe("the snippet sandbox", () => {
  it("Given variables, When a snippet computes with them, Then its JSON result comes back", async () => {
    const result = await sandbox.evaluate({
      name: "Order.Total",
      code: "const total = state.items.reduce((sum, i) => sum + i.price * i.quantity, 0);\nreturn { total, sku: command.sku };",
      input: { state: { items: [{ price: 2.5, quantity: 2 }] }, command: { sku: "A" } },
    });
    expect(result).toEqual({ total: 5, sku: "A" });
  });

  it("Given a snippet that returns nothing, When evaluated, Then the result is undefined", async () => {
    expect(await sandbox.evaluate({ name: "noop", code: "const x = 1;", input: {} })).toBeUndefined();
  });

  it("Given a snippet that throws on line 3, When evaluated, Then the error names the snippet and the line", async () => {
    const code = "const sku = event.sku;\nconst bad = sku === 'POISON';\nif (bad) throw new TypeError('cannot parse ' + sku);\nreturn sku;";
    const error = await failure(sandbox.evaluate({ name: "poison-check", code, input: { event: { sku: "POISON" } } }));
    expect(error.message).toBe('snippet "poison-check" line 3: TypeError: cannot parse POISON');
    expect(error).toMatchObject({ failure: "thrown", line: 3, thrownName: "TypeError" });
  });

  it("Given a named error class, When thrown, Then its name survives the frozen built-ins", async () => {
    const code = "class PoisonMessage extends Error { constructor(m) { super(m); this.name = 'PoisonMessage'; } }\nthrow new PoisonMessage('bad payload');";
    const error = await failure(sandbox.evaluate({ name: "named", code, input: {} }));
    expect(error).toMatchObject({ failure: "thrown", thrownName: "PoisonMessage", reason: "PoisonMessage: bad payload" });
  });

  it("Given a syntax error on line 2, When evaluated, Then the error says so with the line", async () => {
    const error = await failure(sandbox.evaluate({ name: "Order.AddItem", code: "const a = 1;\nconst b = = 2;\nreturn a;", input: {} }));
    expect(error).toMatchObject({ failure: "syntax", line: 2, snippet: "Order.AddItem" });
    expect(error.message).toMatch(/^snippet "Order.AddItem" line 2: SyntaxError: /);
  });

  it("Given a result with a __proto__ key, When parsed on the host, Then the key is dropped and nothing is polluted", async () => {
    const result = await sandbox.evaluate({ name: "proto", code: 'return JSON.parse(\'{"__proto__": {"polluted": true}, "ok": 1}\');', input: {} });
    expect(result).toEqual({ ok: 1 });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("Given one snippet's leftovers, When the next runs, Then it cannot see them", async () => {
    await sandbox.evaluate({ name: "first", code: "var leaked = 1; return leaked;", input: {} });
    expect(await sandbox.evaluate({ name: "second", code: "return typeof leaked;", input: {} })).toBe("undefined");
  });

  it("Given a custom time limit, When a loop runs past it, Then the configured limit is named", async () => {
    const quick = await createSandbox({ timeMs: 5 });
    try {
      const error = await failure(quick.evaluate({ name: "spin", code: "while (true) {}", input: {} }));
      expect(error.message).toBe('snippet "spin": took longer than the time limit of 5 ms');
      expect(await quick.evaluate({ name: "after", code: "return 2 + 2;", input: {} })).toBe(4);
    } finally {
      quick.dispose();
    }
  });

  it("Given limits that would let recursion reach the host stack, When creating a sandbox, Then they are refused", async () => {
    await expect(createSandbox({ stackBytes: 64 * 1024 })).rejects.toThrow(/overflow the host's stack/);
    await expect(createSandbox({ timeMs: 0 })).rejects.toThrow(/positive integer/);
  });

  it("Given a variable name that is not an identifier, When evaluated, Then the host refuses it", async () => {
    await expect(sandbox.evaluate({ name: "bad", code: "return 1;", input: { "a-b": 1 } })).rejects.toThrow(/cannot name a snippet variable/);
  });
});
