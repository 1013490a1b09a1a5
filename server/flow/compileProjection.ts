// Compiles a projection into the runtime contract: one handler per event, each giving row operations.
import type { JsonObject, ProjectionDefinition, RecordedEvent, RowOperation } from "../core/definitions";
import { compileMapping, keyOf, type Variables } from "./compileValues";
import { compileExpression, holds } from "./expressions";
import type { Projection, ProjectionHandler } from "./schema";

/** Stream id → the aggregate id or call key inside it, given the prefixes by event type. */
export type KeyOfStream = (eventType: string, streamId: string) => string;

type Handle = (event: RecordedEvent, get: (key: string) => JsonObject | undefined, meta: JsonObject) => RowOperation[];

function compileHandler(handler: ProjectionHandler): Handle {
  const when = handler.when === undefined ? undefined : compileExpression(handler.when, "projection");
  const key = compileExpression(handler.key, "projection");
  const fields = compileMapping(handler.fields, "projection");
  const fieldNames = Object.keys(handler.fields);
  return (event, get, meta) => {
    const base: Variables = { event: event.data, meta, row: {} };
    if (when && !holds(when, base)) return [];
    const rowKey = keyOf(key.evaluate(base), handler.key);
    const variables: Variables = { ...base, row: get(rowKey) ?? {} };
    switch (handler.op) {
      case "upsert":
        return [{ op: "upsert", key: rowKey, row: fields(variables) }];
      case "patch":
        return [{ op: "patch", key: rowKey, set: fields(variables) }];
      case "increment": {
        const amounts = fields(variables);
        return fieldNames.map((field) => {
          const by = amounts[field];
          if (typeof by !== "number") throw new TypeError(`increment ${field}: the amount is ${JSON.stringify(by)}, not a number`);
          return { op: "increment", key: rowKey, field, by };
        });
      }
      case "delete":
        return [{ op: "delete", key: rowKey }];
      default: {
        const unknownOp: never = handler.op;
        throw new Error(`unknown row operation ${String(unknownOp)}`);
      }
    }
  };
}

export function compileProjection(projection: Projection, keyOfStream: KeyOfStream): ProjectionDefinition {
  const handlers = new Map<string, Handle[]>();
  for (const handler of projection.handlers) handlers.set(handler.event, [...(handlers.get(handler.event) ?? []), compileHandler(handler)]);
  return {
    name: projection.name,
    eventTypes: [...handlers.keys()],
    handle(event, ctx) {
      const meta: JsonObject = {
        type: event.type,
        streamId: event.streamId,
        streamVersion: event.streamVersion,
        position: event.position,
        recordedAt: event.recordedAt,
        correlationId: event.metadata.correlationId,
        key: keyOfStream(event.type, event.streamId),
      };
      const get = (key: string) => ctx.get(key);
      return (handlers.get(event.type) ?? []).flatMap((handle) => handle(event, get, meta));
    },
  };
}
