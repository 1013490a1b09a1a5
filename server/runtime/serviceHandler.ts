// A simulated external service as a consumer group on `_svc.<service>`: each
// call answers, after its latency, with the operation's success or failure event
// appended to `<prefix>-<call key>` (and published through the outbox).
// Failures: "fail next N" (runtime fault), scripted call numbers, or the
// failure rate (the operation's, or an injected one) drawn from the seeded random. Idempotent operations perform a
// call id once; others perform every delivery.

import type { CallEffect, JsonObject, MessageMetadata, ServiceDefinition } from "../core/definitions";
import { HandlerError } from "../core/definitions";
import { randomFor } from "../core/random";
import { DEFAULT_RETRY_POLICY } from "../core/retryPolicy";
import { appendedTrace } from "./commands";
import { eventMessage, serviceTopic } from "./envelope";
import { failNextCounter } from "./faults";
import type { GroupHandler } from "./groupRunner";
import { traceIds, type RunContext } from "./runContext";

export const serviceGroup = (service: string): string => `service:${service}`;
export const callCounter = (service: string, operation: string): string => `service:${service}.${operation}:calls`;

export function serviceHandler(ctx: RunContext, service: ServiceDefinition): GroupHandler {
  const { store } = ctx;
  const group = serviceGroup(service.name);
  const prefix = service.streamPrefix ?? service.name.toLowerCase();
  return {
    group,
    node: service.name,
    topics: [serviceTopic(service.name)],
    idempotent: false,
    retry: DEFAULT_RETRY_POLICY,
    deadLetter: true,
    async handle(message) {
      const call = message.data as unknown as CallEffect;
      const operation = ctx.system.operation(service.name, call.operation);
      if (!operation) throw new HandlerError("DefinitionError", `Service ${service.name} has no operation ${call.operation}.`);
      return () => {
        const now = ctx.clock.now();
        if (operation.idempotent && !store.processed.add(group, message.messageId, now)) {
          ctx.trace("duplicate-absorbed", { ...traceIds(message.metadata), fromNode: service.name, summary: `${service.name} already performed call ${message.messageId}` });
          return;
        }
        const callNumber = store.checkpoints.increment(callCounter(service.name, operation.name), 1, now);
        const failNext = store.checkpoints.get(failNextCounter(service.name, operation.name));
        let failure: string | undefined;
        if (failNext > 0) {
          store.checkpoints.set(failNextCounter(service.name, operation.name), failNext - 1, now);
          failure = "injected failure";
        } else if (operation.failCalls?.includes(callNumber)) {
          failure = `scripted failure of call ${callNumber}`;
        } else if (randomFor(ctx.seed, `${group}.${operation.name}|${message.messageId}|${callNumber}`) < (ctx.faults.failureRate(service.name, operation.name) ?? operation.failureRate)) {
          failure = "random failure";
        }
        const eventId = operation.idempotent ? ctx.ids.derive("evt", message.messageId) : ctx.ids.derive("evt", message.messageId, String(callNumber));
        const metadata: MessageMetadata = {
          messageId: eventId,
          correlationId: message.metadata.correlationId,
          causationId: message.messageId,
          ...(message.metadata.replyTo ? { replyTo: message.metadata.replyTo } : {}),
        };
        const type = failure ? operation.failureEvent : operation.successEvent;
        const data: JsonObject = failure ? { ...call.data, reason: failure } : operation.reply ? operation.reply(call.data) : call.data;
        const appended = store.events.appendToStream(`${prefix}-${call.key}`, [{ eventId, type, data, metadata }], { now });
        store.outbox.enqueue(appended.events.map((event) => eventMessage(event, call.key)), now);
        ctx.trace("service-reply", {
          ...traceIds(metadata),
          fromNode: service.name,
          toNode: type,
          summary: `${service.name}.${operation.name} ${failure ? `failed (${failure})` : "succeeded"} for ${call.key}`,
          detail: { call: callNumber },
        });
        appendedTrace(ctx, service.name, appended.events);
      };
    },
  };
}
