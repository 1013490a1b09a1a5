// The tour observer over a running engine: what tour expectations read (state, rows, sagas,
// alerts, correlations, streams, snapshots, dead letters, topics, deliveries). Read-only.
import { HEADER, deadLetterTopic } from "../core/messageHeaders";
import type { TourObserver } from "../flow/tourExpect";
import type { Engine } from "../runtime";

const ALL = 1_000_000;

export function createTourObserver(engine: Engine): TourObserver {
  const { store } = engine;
  const streamOf = (aggregate: string, aggregateId: string) => engine.loadAggregate(aggregate, aggregateId).streamId;
  const traceOf = (kind: string) => store.trace.read(0, ALL).filter((entry) => entry.kind === kind);
  return {
    aggregateState: (aggregate, aggregateId) => engine.loadAggregate(aggregate, aggregateId).state,
    row: (table, key) => store.projections.get(table, key),
    sagaStatus: (saga, instanceId) => store.sagas.load(saga, instanceId)?.status,
    alertCount: () => store.alerts.list(0, ALL).length,
    eventTypes: (correlationId) => engine.readAll().filter((event) => event.metadata.correlationId === correlationId).map((event) => event.type),
    streamEvents: (aggregate, aggregateId) => engine.readStream(streamOf(aggregate, aggregateId)),
    latestSnapshotVersion: (aggregate, aggregateId) => store.snapshots.load(streamOf(aggregate, aggregateId))?.version,
    deadLetters(group) {
      return store.deadLetters
        .list({ status: "dead", limit: ALL })
        .filter((letter) => letter.group === group)
        .map((letter) => {
          const published = store.topics.read(deadLetterTopic(letter.originalTopic), 0, ALL).filter((message) => message.messageId === letter.messageId).at(-1);
          return { topic: letter.originalTopic, attempts: letter.attempts, retryCount: Number(published?.headers[HEADER.retryCount] ?? Number.NaN) };
        });
    },
    topicMessages: (topic) => store.topics.read(topic, 0, ALL).length,
    deliveries: (group, topic) => traceOf("delivery").filter((entry) => entry.toNode === group && entry.fromNode === topic).length,
    handled: (group) => traceOf("handler-success").filter((entry) => entry.fromNode === group).length,
  };
}
