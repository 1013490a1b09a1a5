// The Flow document: every element of a system plus the canvas layout (the only canvas-only data).
import { z } from "zod";
import { Aggregate, Upcaster } from "./aggregate";
import { ElementId } from "./common";
import { Consumer, Outbox } from "./consumer";
import { Projection } from "./projection";
import { Saga } from "./saga";
import { Service } from "./service";

export const FLOW_SCHEMA_VERSION = 1;
/** Elements a flow may hold (aggregates, their commands and events, and every other kind): a canvas, not a whole company. */
export const MAX_FLOW_ELEMENTS = 500;

export const Position = z.strictObject({ x: z.number(), y: z.number() });

export const FlowSchema = z.strictObject({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION, {
    error: `schemaVersion must be ${FLOW_SCHEMA_VERSION}`,
  }),
  name: z.string().trim().min(1, "the flow needs a name").max(120),
  description: z.string().max(4000).default(""),
  aggregates: z.array(Aggregate).default([]),
  upcasters: z.array(Upcaster).default([]),
  projections: z.array(Projection).default([]),
  services: z.array(Service).default([]),
  sagas: z.array(Saga).default([]),
  consumers: z.array(Consumer).default([]),
  outboxes: z.array(Outbox).default([]),
  /** Canvas positions by element id. */
  layout: z.record(ElementId, Position).default({}),
}).superRefine((flow, ctx) => {
  const count = countElements(flow);
  if (count > MAX_FLOW_ELEMENTS) {
    ctx.addIssue({ code: "custom", path: [], message: `the flow has ${count} elements; the limit is ${MAX_FLOW_ELEMENTS} (aggregates, commands, events, upcasters, projections, services, sagas, consumers and outboxes count)` });
  }
});

function countElements(flow: { aggregates: { commands: unknown[]; events: unknown[] }[]; upcasters: unknown[]; projections: unknown[]; services: unknown[]; sagas: unknown[]; consumers: unknown[]; outboxes: unknown[] }): number {
  const inAggregates = flow.aggregates.reduce((sum, aggregate) => sum + 1 + aggregate.commands.length + aggregate.events.length, 0);
  return inAggregates + flow.upcasters.length + flow.projections.length + flow.services.length + flow.sagas.length + flow.consumers.length + flow.outboxes.length;
}

export type Flow = z.output<typeof FlowSchema>;
export type FlowInput = z.input<typeof FlowSchema>;
export type Position = z.output<typeof Position>;
