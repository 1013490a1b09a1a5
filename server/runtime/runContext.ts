// What every part of the engine shares for one run: the store, the indexed
// definition, the clock, the seed and id generator, the injected faults and the trace writer.

import type { Clock } from "../core/clock";
import type { MessageMetadata } from "../core/definitions";
import type { Ids } from "../core/random";
import type { SystemIndex } from "../core/systemIndex";
import type { TraceKind } from "../core/traceKinds";
import type { RunStore, TraceInput } from "../store";
import { createFaultBoard, type FaultBoard } from "./faults";

export interface RunContext {
  readonly store: RunStore;
  readonly system: SystemIndex;
  readonly clock: Clock;
  readonly seed: number;
  readonly ids: Ids;
  /** Faults injected at run time (see faults.ts). */
  readonly faults: FaultBoard;
  /** Appends a trace entry at the current clock time (inside the caller's transaction, if any). */
  trace(kind: TraceKind, entry: Omit<TraceInput, "at" | "kind">): void;
}

export function createRunContext(store: RunStore, system: SystemIndex, clock: Clock, seed: number, ids: Ids, faults: FaultBoard = createFaultBoard(store.checkpoints)): RunContext {
  return {
    store,
    system,
    clock,
    seed,
    ids,
    faults,
    trace: (kind, entry) => {
      store.trace.append({ ...entry, at: clock.now(), kind });
    },
  };
}

/** The message-id fields of a trace entry about `metadata`'s message. */
export function traceIds(metadata: MessageMetadata): Pick<TraceInput, "messageId" | "correlationId" | "causationId"> {
  return { messageId: metadata.messageId, correlationId: metadata.correlationId, causationId: metadata.causationId };
}
