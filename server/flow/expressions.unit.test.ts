import { describe, expect, it } from "vitest";
import { compileExpression, expressionProblem, ExpressionError, holds } from "./expressions";

describe("CEL expressions", () => {
  it("Given JSON numbers and int literals, When they are mixed in arithmetic, Then the result is a plain number", () => {
    const add = compileExpression("state.balance + command.amount - 1", "decide");
    expect(add.evaluate({ state: { balance: 150 }, command: { amount: 50 } })).toBe(199);
    expect(compileExpression("1 + 2", "decide").evaluate({})).toBe(3);
    expect(compileExpression("event.amount / 2", "evolve").evaluate({ event: { amount: 3 } })).toBe(1.5);
  });

  it("Given a list of items, When the total is price × quantity summed, Then it is computed", () => {
    const total = compileExpression("state.items.map(i, i.price * i.quantity).sum()", "evolve");
    expect(total.evaluate({ state: { items: [{ price: 10.5, quantity: 2 }, { price: 3, quantity: 1 }] } })).toBe(24);
    expect(total.evaluate({ state: { items: [] } })).toBe(0);
  });

  it("Given the same source twice, When compiled, Then the cached expression is returned", () => {
    expect(compileExpression("size(state.items) == 0", "decide")).toBe(compileExpression("size(state.items) == 0", "decide"));
  });

  it("Given map and list results, When evaluated, Then they come back as JSON with ints as numbers", () => {
    expect(compileExpression('{"n": size(command.xs), "xs": command.xs}', "decide").evaluate({ command: { xs: ["a"] } })).toEqual({
      n: 1,
      xs: ["a"],
    });
  });

  it("Given a syntax error or an unknown variable, When checked, Then a plain reason is returned", () => {
    expect(expressionProblem("state.balance +", "decide")).toMatch(/Unexpected token/);
    expect(expressionProblem("event.amount > 0", "decide")).toMatch(/Unknown variable: event/);
    expect(expressionProblem("event.amount > 0", "evolve")).toBeUndefined();
  });

  it("Given a missing key, When evaluated, Then an ExpressionError names the expression", () => {
    const read = compileExpression("state.missing", "evolve");
    expect(() => read.evaluate({ state: {} })).toThrow(ExpressionError);
    expect(() => read.evaluate({ state: {} })).toThrow(/`state.missing`: No such key: missing/);
  });

  it("Given a condition that answers a non-boolean, When held, Then it fails clearly", () => {
    expect(holds(compileExpression('state.status == "draft"', "decide"), { state: { status: "draft" } })).toBe(true);
    expect(() => holds(compileExpression("state.status", "decide"), { state: { status: "draft" } })).toThrow(/true or false/);
  });

  it("Given a map with a __proto__ key, When evaluated, Then no prototype is touched", () => {
    const literal = compileExpression('{"__proto__": {"polluted": true}, "a": 1}', "evolve").evaluate({});
    expect(literal).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(literal)).toBe(Object.prototype);
    const passedThrough = compileExpression("event", "evolve");
    expect(() => passedThrough.evaluate({ event: JSON.parse('{"__proto__": {"polluted": true}}') })).toThrow(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
