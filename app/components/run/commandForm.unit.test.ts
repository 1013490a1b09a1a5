import { describe, expect, it } from "vitest";
import { demos } from "@/server/flow/demos";
import { consoleCommands, parseFields, parseScript, repeatCommand } from "./commandForm";

describe("command console forms", () => {
  it("given the orchestrated saga demo, then its one command is offered with its fields and guard", () => {
    const flow = demos.find((demo) => demo.key === "order-saga-orchestrated")!.flow;
    expect(consoleCommands(flow)).toEqual([
      expect.objectContaining({ key: "Order.PlaceOrder", aggregateNode: "order", commandNode: "order-place", guards: ["The order was already placed"], fields: [expect.objectContaining({ name: "sku" }), expect.objectContaining({ name: "quantity" }), expect.objectContaining({ name: "amount" })] }),
    ]);
  });

  it("given typed values, then numbers, booleans and JSON parse, and each bad field says why", () => {
    const fields = [
      { name: "amount", type: "number" as const, required: true },
      { name: "gift", type: "boolean" as const, required: false },
      { name: "items", type: "list" as const, required: true },
      { name: "note", type: "any" as const, required: false },
      { name: "sku", type: "string" as const, required: true },
    ];
    expect(parseFields(fields, { amount: "40", gift: true, items: "[1, 2]", note: "hello", sku: " LAMP " })).toEqual({ data: { amount: 40, gift: true, items: [1, 2], note: "hello", sku: "LAMP" }, errors: {} });
    expect(parseFields(fields, { amount: "forty", items: "{}" }).errors).toEqual({ amount: "amount must be a number.", items: "items must be a JSON list, like [1, 2].", sku: "Fill in sku." });
  });

  it("given a script, then a JSON list of commands parses and anything else is refused with a sentence", () => {
    expect(parseScript('[{"aggregate": "Order", "aggregateId": "o-1", "command": "PlaceOrder"}]')).toEqual([{ aggregate: "Order", aggregateId: "o-1", command: "PlaceOrder", data: {} }]);
    expect(parseScript("nope")).toMatch(/not valid JSON/);
    expect(parseScript('[{"aggregate": "Order"}]')).toBe('Command 1 of the script needs "aggregate", "aggregateId" and "command" as text.');
  });

  it("given a command repeated three times, then each goes to its own aggregate id", () => {
    const command = { aggregate: "Order", aggregateId: "o", command: "PlaceOrder", data: {} };
    expect(repeatCommand(command, 3).map((c) => c.aggregateId)).toEqual(["o-1", "o-2", "o-3"]);
    expect(repeatCommand(command, 1)).toEqual([command]);
  });
});
