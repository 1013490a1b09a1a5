// The Flow document: every element of a system plus the canvas layout (the only canvas-only data).
import { z } from "zod";
import { Aggregate, Upcaster } from "./aggregate";
import { ElementId } from "./common";
import { Consumer, Outbox } from "./consumer";
import { Projection } from "./projection";
import { Saga } from "./saga";
import { Service } from "./service";

export const FLOW_SCHEMA_VERSION = 1;

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
});

export type Flow = z.output<typeof FlowSchema>;
export type FlowInput = z.input<typeof FlowSchema>;
export type Position = z.output<typeof Position>;
