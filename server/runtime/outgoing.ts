// Sending what handlers, sagas and reactions decide: commands and service calls
// become outbox rows (with derived ids, so a redelivered cause sends the same
// ids again) and alerts become alert rows; each is traced. Call inside the
// transaction that commits the cause's processing.

import type { AlertSeverity, CallEffect, Command, Effect, MessageMetadata, ReplyTo } from "../core/definitions";
import { HandlerError } from "../core/definitions";
import { callMessage, commandMessage } from "./envelope";
import { traceIds, type RunContext } from "./runContext";

/** Who sends: a consumer group (for derived ids) and its node name (for the trace). */
export interface Origin {
  group: string;
  node: string;
}

/** Metadata of the `index`-th message caused by `cause` in `origin`. */
export function childMetadata(ctx: RunContext, prefix: string, origin: Origin, cause: MessageMetadata, index: number, replyTo?: ReplyTo): MessageMetadata {
  const messageId = ctx.ids.derive(prefix, origin.group, cause.messageId, String(index));
  return { messageId, correlationId: cause.correlationId, causationId: cause.messageId, ...(replyTo ? { replyTo } : {}) };
}

export function sendCommand(ctx: RunContext, command: Command, metadata: MessageMetadata, origin: Origin): void {
  ctx.store.outbox.enqueue([commandMessage(command, metadata)], ctx.clock.now());
  ctx.trace("command-sent", {
    ...traceIds(metadata),
    fromNode: origin.node,
    toNode: command.aggregate,
    summary: `${origin.node} sent ${command.type} to ${command.aggregate} ${command.aggregateId}`,
    detail: { command: command.type, aggregateId: command.aggregateId },
  });
}

export function sendCall(ctx: RunContext, call: CallEffect, metadata: MessageMetadata, origin: Origin): void {
  const operation = ctx.system.operation(call.service, call.operation);
  if (!operation) throw new HandlerError("DefinitionError", `There is no service operation ${call.service}.${call.operation}.`);
  const now = ctx.clock.now();
  ctx.store.outbox.enqueue([callMessage(call, metadata, now + operation.latencyMs)], now);
  ctx.trace("service-call", {
    ...traceIds(metadata),
    fromNode: origin.node,
    toNode: call.service,
    summary: `${origin.node} called ${call.service}.${call.operation} for ${call.key}`,
    detail: { operation: call.operation, key: call.key },
  });
}

export function raiseAlert(ctx: RunContext, severity: AlertSeverity, source: string, message: string, cause?: MessageMetadata): void {
  ctx.store.alerts.add({ at: ctx.clock.now(), severity, source, message });
  ctx.trace("alert", { ...(cause ? traceIds(cause) : {}), fromNode: source, summary: message, detail: { severity } });
}

/** Sends every effect a handler returned for `cause`. */
export function sendEffects(ctx: RunContext, effects: readonly Effect[], cause: MessageMetadata, origin: Origin): void {
  effects.forEach((effect, index) => {
    switch (effect.kind) {
      case "command":
        sendCommand(ctx, effect.command, childMetadata(ctx, "cmd", origin, cause, index), origin);
        break;
      case "call":
        sendCall(ctx, effect, childMetadata(ctx, "call", origin, cause, index), origin);
        break;
      case "alert":
        raiseAlert(ctx, effect.severity, origin.node, effect.message, cause);
        break;
      default: {
        const unknown: never = effect;
        throw new HandlerError("DefinitionError", `Unknown effect ${JSON.stringify(unknown)}.`);
      }
    }
  });
}
