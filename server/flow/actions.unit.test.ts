import { describe, expect, it } from "vitest";
import { ActionError, compileActions } from "./actions";
import type { Action } from "./schema";

const run = (actions: Action[], state: Record<string, unknown>, event: Record<string, unknown> = {}) =>
  compileActions(actions)(state as never, { event });

describe("declarative actions", () => {
  it("Given a balance, When a deposit increments it, Then the new state has the sum and the old is untouched", () => {
    const before = { balance: 150, owner: { name: "Ada" } };
    const after = run([{ op: "increment", path: "balance", by: "event.amount" }], before, { amount: 50 });
    expect(after).toEqual({ balance: 200, owner: { name: "Ada" } });
    expect(before.balance).toBe(150);
    expect(after.owner).toBe(before.owner);
  });

  it("Given nested paths, When set, Then missing objects on the way are created", () => {
    expect(run([{ op: "set", path: "totals.gross", value: "event.amount * 2" }], {}, { amount: 4 })).toEqual({ totals: { gross: 8 } });
  });

  it("Given a list, When items are pushed and removed by a condition, Then the list changes accordingly", () => {
    const actions: Action[] = [
      { op: "push", path: "items", value: '{"sku": event.sku, "qty": event.qty}' },
      { op: "remove", path: "items", where: 'item.sku == "old"' },
    ];
    expect(run(actions, { items: [{ sku: "old", qty: 1 }] }, { sku: "new", qty: 2 })).toEqual({ items: [{ sku: "new", qty: 2 }] });
  });

  it("Given a key, When removed without a condition, Then it is deleted", () => {
    expect(run([{ op: "remove", path: "draft" }], { draft: true, id: 1 })).toEqual({ id: 1 });
  });

  it("Given a map value, When merged at the root or at a path, Then fields are shallow-merged", () => {
    expect(run([{ op: "merge", value: '{"status": "submitted"}' }], { status: "draft", n: 1 })).toEqual({ status: "submitted", n: 1 });
    expect(run([{ op: "merge", path: "address", value: "event" }], { address: { city: "A" } }, { zip: "1" })).toEqual({
      address: { city: "A", zip: "1" },
    });
  });

  it("Given actions in sequence, When a later one reads state, Then it sees the earlier change", () => {
    const actions: Action[] = [
      { op: "push", path: "items", value: "event" },
      { op: "set", path: "total", value: "state.items.map(i, i.price * i.quantity).sum()" },
    ];
    expect(run(actions, { items: [{ price: 2, quantity: 3 }] }, { price: 10, quantity: 1 })).toMatchObject({ total: 16 });
  });

  it("Given a when condition, When it is false, Then the action is skipped", () => {
    expect(run([{ op: "set", path: "big", value: "true", when: "event.amount > 100" }], {}, { amount: 5 })).toEqual({});
  });

  it("Given a field of the wrong kind, When incremented or pushed, Then an ActionError says what it holds", () => {
    expect(() => run([{ op: "increment", path: "name", by: "1" }], { name: "x" })).toThrow(ActionError);
    expect(() => run([{ op: "increment", path: "name", by: "1" }], { name: "x" })).toThrow(/holds a string, not a number/);
    expect(() => run([{ op: "push", path: "n", value: "1" }], { n: 1 })).toThrow(/holds a number, not a list/);
  });

  it("Given a hostile path, When compiled, Then it is refused", () => {
    expect(() => compileActions([{ op: "set", path: "__proto__.polluted", value: "true" }])).toThrow(/not allowed/);
  });
});
