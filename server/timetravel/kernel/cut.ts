// Where one event's moment ends in the trace. The world at event i is every
// event up to i plus every trace entry before the `append` hop of a later
// event: the hops that followed event i (its publish, deliveries, the saga
// steps it caused) belong to it. Events appended without a trace hop (direct
// appends, legacy events) simply get no hops. PURE KERNEL: no store, database,
// clock or random.

import type { TraceHop } from "./foldTrace";

/** True when `hop` opens the moment of an event after the one at `position`: folding must stop before it. */
export function startsLaterEvent(hop: TraceHop, position: number): boolean {
  return hop.kind === "append" && hop.position !== null && hop.position > position;
}
