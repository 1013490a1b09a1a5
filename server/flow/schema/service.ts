// Services: simulated external participants (Payment, Inventory, an AI agent type) whose
// operations answer with a success or a failure event after some latency.
import { z } from "zod";
import { ElementId, EventTypeName, Field, LowerName, Mapping, PascalName } from "./common";

export const ServiceOperation = z.strictObject({
  id: ElementId,
  name: PascalName,
  payload: z.array(Field).default([]),
  /** Appended when the call succeeds; its data is the call's data with `data` (CEL over `call`) applied. */
  success: z.strictObject({ event: EventTypeName, data: Mapping.default({}) }),
  /** Appended when the call fails; its data is the call's data plus `reason`. */
  failure: z.strictObject({ event: EventTypeName }),
  /** Scripted failures: 1-based numbers of the calls that fail whatever the failure rate. */
  failCalls: z.array(z.int().min(1)).default([]),
});

export const Service = z.strictObject({
  id: ElementId,
  name: PascalName,
  kind: z.enum(["service", "agent"]).default("service"),
  /** Reply events go to stream `${streamPrefix}-${call key}`. */
  streamPrefix: LowerName,
  latencyMs: z.int().min(0).max(3_600_000).default(0),
  failureRate: z.number().min(0).max(1).default(0),
  /** true: a call delivered twice is performed once; false: duplicates perform the side effect again. */
  idempotent: z.boolean().default(true),
  operations: z.array(ServiceOperation).min(1, "a service needs at least one operation"),
});

export type ServiceOperation = z.output<typeof ServiceOperation>;
export type Service = z.output<typeof Service>;
