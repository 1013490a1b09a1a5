import { describe, expect, it } from "vitest";
import { ORDER_CREATED, ORDER_CREATED_V1, ORDER_CREATED_V2, orderUpcasters } from "./testing/order";
import { createUpcasters, UpcasterDefinitionError } from "./upcasting";

describe("upcasting", () => {
  const upcasters = createUpcasters(orderUpcasters);

  it("given a stored v1 event, when read, then it arrives as v3 through v2, and the stored object is untouched", () => {
    const stored = { type: ORDER_CREATED_V1, data: { customer: "Grace" } };
    expect(upcasters.upcast(stored)).toEqual({ type: ORDER_CREATED, data: { customerName: "Grace", currency: "EUR" } });
    expect(stored).toEqual({ type: ORDER_CREATED_V1, data: { customer: "Grace" } });
  });

  it("given a v2 event, then only the last upcaster applies", () => {
    expect(upcasters.upcast({ type: ORDER_CREATED_V2, data: { customer: "Ada", currency: "GBP" } }).data).toEqual({ customerName: "Ada", currency: "GBP" });
  });

  it("given the latest version or an unknown type, then the very same object comes back", () => {
    const latest = { type: ORDER_CREATED, data: { customerName: "Ada", currency: "EUR" } };
    expect(upcasters.upcast(latest)).toBe(latest);
    expect(upcasters.has(ORDER_CREATED)).toBe(false);
    expect(upcasters.latestType(ORDER_CREATED_V1)).toBe(ORDER_CREATED);
  });

  it("keeps the other fields of a recorded event", () => {
    const recorded = { type: ORDER_CREATED_V1, data: { customer: "G" }, position: 7, eventId: "e7" };
    expect(upcasters.upcast(recorded)).toMatchObject({ position: 7, eventId: "e7", type: ORDER_CREATED });
  });

  it("refuses two upcasters for one type and loops", () => {
    expect(() => createUpcasters([...orderUpcasters, { from: ORDER_CREATED_V1, to: "x.v9", upcast: (d) => d }])).toThrow(UpcasterDefinitionError);
    expect(() =>
      createUpcasters([
        { from: "a.v1", to: "a.v2", upcast: (d) => d },
        { from: "a.v2", to: "a.v1", upcast: (d) => d },
      ]),
    ).toThrow("loop");
  });
});
