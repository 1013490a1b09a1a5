import { describe, expect, it } from "vitest";
import { shopFlow } from "./testFlows";
import { checkTour } from "./tourCheck";
import { TourSchema, type TourInput } from "./tour";

const tour = (steps: TourInput["steps"]) => TourSchema.parse({ title: "t", summary: "s", steps });

describe("checkTour", () => {
  it("Given a tour naming only existing things, When checked, Then there are no problems", () => {
    const valid = tour([
      {
        id: "place",
        title: "Place",
        narration: "Place an order.",
        highlight: ["order-place"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-1", command: "PlaceOrder", data: { amount: 5 } },
        expect: [
          { kind: "saga", saga: "Fulfilment", instanceId: "o-1", status: "completed" },
          { kind: "row", table: "order_view", key: "o-1", field: "amount", equals: 5 },
        ],
      },
    ]);
    expect(checkTour(shopFlow(), valid)).toEqual([]);
  });

  it("Given a tour with wrong references, When checked, Then each is reported with its path", () => {
    const broken = tour([
      {
        id: "place",
        title: "Place",
        narration: "Place an order.",
        highlight: ["nowhere"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-1", command: "Ship" },
        expect: [{ kind: "row", table: "ghosts", key: "o-1", field: "amount", equals: 5 }],
      },
      {
        id: "place",
        title: "Duplicate",
        narration: "Deliver again.",
        highlight: ["canceller"],
        action: { kind: "fault", fault: { kind: "duplicate-delivery", group: "canceller", topic: "shop.order.placed.v1" } },
        expect: [{ kind: "rejected", message: "x" }],
      },
      {
        id: "break",
        title: "Break",
        narration: "Inject a fault.",
        highlight: ["payment"],
        action: { kind: "fault", fault: { kind: "fail-next-call", service: "Payment", operation: "Teleport" } },
      },
    ]);
    expect(checkTour(shopFlow(), broken).map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      'steps[0].highlight[0]: "nowhere" is not an element of the flow',
      'steps[0].action: command "Ship" is not defined on aggregate Order',
      'steps[0].expect[0].table: read model "ghosts" is not in the flow',
      'steps[1].id: step id "place" is used twice',
      'steps[1].action.fault.topic: group "canceller" does not consume "shop.order.placed.v1"',
      "steps[1].expect[0]: only a step that sends a command can expect a rejection",
      'steps[2].action.fault.operation: operation "Teleport" is not defined on service Payment',
    ]);
  });
});
