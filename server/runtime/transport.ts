// The Transport between the outbox relay and the consumer groups. Small on
// purpose: publish, and a per-group subscription with per-topic checkpoints.
// Implemented in-process on the topics table (inProcessBus.ts); a Kafka
// implementation follows the same contract.

import type { Headers } from "../store";

/** A message as it travels: the payload is the JSON text of an envelope (envelope.ts). */
export interface TransportMessage {
  messageId: string;
  topic: string;
  key: string;
  /** Includes `due-at` when the message must not be delivered before a clock time. */
  headers: Headers;
  payload: string;
}

export interface Delivery extends TransportMessage {
  /** Position within the topic (in-process: increasing across the run's topics). */
  offset: number;
  /** Clock time before which the message must not be handled. */
  dueAt: number;
}

export interface TransportSubscription {
  /**
   * The oldest uncommitted message of each subscribed topic that has one. Calling
   * it again without a commit returns the same heads.
   */
  heads(): Promise<Delivery[]>;
  /**
   * The group is done with `delivery` (and everything before it on its topic).
   * The runner calls it inside the transaction that commits the delivery's
   * effects: whatever the transport does synchronously (the in-process bus
   * writes its checkpoint) joins that transaction; the rest is awaited after.
   */
  commit(delivery: Delivery): Promise<void>;
  close(): Promise<void>;
}

export interface Transport {
  /** Publishes in order; resolves once the messages are durable on the transport. */
  publish(messages: TransportMessage[]): Promise<void>;
  /**
   * Publishing waits on a network round trip (Kafka): the relay claims the next batch and
   * records the previous one while a publish is in flight, still one publish at a time, in
   * order. Default false: the relay records each batch before it claims the next.
   */
  readonly pipelined?: boolean;
  /**
   * Called by the relay inside the transaction that marks `messages` published, once publish()
   * resolved for them: a transport that mirrors its topics in the run's topic log (Kafka) writes
   * it here, atomically with the outbox. Optional.
   */
  recordPublished?(messages: TransportMessage[], now: number): void;
  /** A consumer group's view of its topics; each group keeps its own checkpoints. */
  subscribe(group: string, topics: string[]): TransportSubscription;
  close(): Promise<void>;
}
