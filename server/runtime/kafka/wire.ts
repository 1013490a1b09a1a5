// A runtime message as a Kafka record and back: the key is the aggregate (or call)
// key, the value the envelope's JSON, and every runtime header travels as a Kafka
// header, plus `message-id`; dead letters also carry `attempts` and `last-error`.

import type { IHeaders, KafkaMessage, Message } from "kafkajs";
import { deadLetterTopic, HEADER } from "../../core/messageHeaders";
import type { DeadLetterError, Headers } from "../../store";
import type { Delivery, TransportMessage } from "../transport";

export const MESSAGE_ID_HEADER = "message-id";
/** On `_dlq.<topic>` records: attempts made before the message was dead-lettered. */
export const ATTEMPTS_HEADER = "attempts";
/** On `_dlq.<topic>` records: the last error, as "Name: message". */
export const LAST_ERROR_HEADER = "last-error";

export function toKafkaMessage(message: TransportMessage): Message {
  const headers: Headers = { ...message.headers, [MESSAGE_ID_HEADER]: message.messageId };
  const original = message.headers[HEADER.originalTopic];
  if (original !== undefined && message.topic === deadLetterTopic(original)) {
    headers[ATTEMPTS_HEADER] = String(Number(message.headers[HEADER.retryCount] ?? 0) + 1);
    const errors = JSON.parse(message.headers[HEADER.errors] ?? "[]") as DeadLetterError[];
    const last = errors[errors.length - 1];
    if (last) headers[LAST_ERROR_HEADER] = `${last.name}: ${last.message}`;
  }
  return { key: message.key, value: message.payload, headers };
}

export function headersOf(headers: IHeaders | undefined): Headers {
  const result: Headers = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? String(value[value.length - 1]) : String(value);
  }
  return result;
}

/**
 * A fetched record as the runner sees it. `offset` is the subscription's arrival
 * sequence (so the runner takes the oldest arrival first across partitions); the
 * record's partition and Kafka offset stay with the subscription.
 */
export function toDelivery(runtimeTopic: string, message: KafkaMessage, sequence: number): Delivery {
  const headers = headersOf(message.headers);
  const { [MESSAGE_ID_HEADER]: messageId, [ATTEMPTS_HEADER]: _attempts, [LAST_ERROR_HEADER]: _lastError, ...rest } = headers;
  const dueAt = rest[HEADER.dueAt];
  return {
    messageId: messageId ?? `${runtimeTopic}@${message.offset}`,
    topic: runtimeTopic,
    key: message.key === null ? "" : message.key.toString(),
    headers: rest,
    payload: message.value === null ? "" : message.value.toString(),
    offset: sequence,
    dueAt: dueAt === undefined ? 0 : Number(dueAt),
  };
}
