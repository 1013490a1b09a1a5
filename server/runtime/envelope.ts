// What travels on the bus: topic names of the runtime's own messages, the JSON
// envelope of every message (type, data, metadata), and its decoding into the
// DeliveredMessage handlers receive (events upcast to their latest version).

import type { CallEffect, Command, DeliveredMessage, JsonObject, MessageMetadata, RecordedEvent } from "../core/definitions";
import { HEADER } from "../core/messageHeaders";
import { COMMAND_REJECTED } from "../core/sagaMachine";
import type { Upcasters } from "../core/upcasting";
import type { Headers, OutboxMessage } from "../store";
import type { Delivery } from "./transport";

/** Commands sent by handlers, sagas and reactions. */
export const COMMANDS_TOPIC = "_commands";
/** Rejections of commands that carry a replyTo (read by sagas). */
export const REJECTIONS_TOPIC = "_commands.rejected";
/** Calls to a simulated service. */
export const serviceTopic = (service: string): string => `_svc.${service}`;

export const COMMAND_TYPE = "command";
export const SERVICE_CALL_TYPE = "service.call";
export { COMMAND_REJECTED };

export interface Envelope {
  type: string;
  data: JsonObject;
  metadata: MessageMetadata;
  /** Present on events. */
  streamId?: string;
  streamVersion?: number;
  position?: number;
}

export function eventMessage(event: RecordedEvent, key: string): OutboxMessage {
  const envelope: Envelope = {
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    position: event.position,
  };
  return { messageId: event.eventId, topic: event.type, key, headers: headersOf(event.type, event.metadata), payload: JSON.stringify(envelope) };
}

export function commandMessage(command: Command, metadata: MessageMetadata): OutboxMessage {
  const envelope: Envelope = { type: COMMAND_TYPE, data: command as unknown as JsonObject, metadata };
  return { messageId: metadata.messageId, topic: COMMANDS_TOPIC, key: command.aggregateId, headers: headersOf(COMMAND_TYPE, metadata), payload: JSON.stringify(envelope) };
}

export function callMessage(call: CallEffect, metadata: MessageMetadata, dueAt: number): OutboxMessage {
  const envelope: Envelope = { type: SERVICE_CALL_TYPE, data: call as unknown as JsonObject, metadata };
  return {
    messageId: metadata.messageId,
    topic: serviceTopic(call.service),
    key: call.key,
    headers: { ...headersOf(SERVICE_CALL_TYPE, metadata), [HEADER.dueAt]: String(dueAt) },
    payload: JSON.stringify(envelope),
  };
}

export function rejectionMessage(command: Command, reason: string, metadata: MessageMetadata): OutboxMessage {
  const envelope: Envelope = { type: COMMAND_REJECTED, data: { command: command as unknown as JsonObject, message: reason }, metadata };
  return { messageId: metadata.messageId, topic: REJECTIONS_TOPIC, key: command.aggregateId, headers: headersOf(COMMAND_REJECTED, metadata), payload: JSON.stringify(envelope) };
}

/** The message a handler receives; `topic` is the original topic even for a retry. */
export function decodeDelivery(delivery: Delivery, upcasters: Upcasters, topic: string, attempt: number): DeliveredMessage {
  const envelope = JSON.parse(delivery.payload) as Envelope;
  const { type, data } = upcasters.upcast({ type: envelope.type, data: envelope.data });
  return { messageId: delivery.messageId, topic, key: delivery.key, type, data, metadata: envelope.metadata, attempt };
}

function headersOf(type: string, metadata: MessageMetadata): Headers {
  return { [HEADER.type]: type, [HEADER.correlationId]: metadata.correlationId, [HEADER.causationId]: metadata.causationId };
}
