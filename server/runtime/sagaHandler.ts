// Runs an orchestrated saga as a consumer group: each reply (or trigger) goes
// through the pure saga machine; the new instance (optimistic version), the
// actions it sends, its trace notes and alerts commit in one transaction.

import type { JsonObject, SagaDefinition } from "../core/definitions";
import { DEFAULT_RETRY_POLICY } from "../core/retryPolicy";
import { sagaInstanceIdOf, transition, type SagaInstance } from "../core/sagaMachine";
import { REJECTIONS_TOPIC } from "./envelope";
import type { GroupHandler } from "./groupRunner";
import { childMetadata, raiseAlert, sendCall, sendCommand } from "./outgoing";
import { traceIds, type RunContext } from "./runContext";

export function sagaTopics(saga: SagaDefinition): string[] {
  const topics = [saga.triggerEvent, REJECTIONS_TOPIC];
  for (const step of saga.steps) {
    topics.push(step.successEvent);
    if (step.failureEvent) topics.push(step.failureEvent);
    if (step.compensation) {
      topics.push(step.compensation.successEvent);
      if (step.compensation.failureEvent) topics.push(step.compensation.failureEvent);
    }
  }
  return [...new Set(topics)];
}

export function sagaHandler(ctx: RunContext, saga: SagaDefinition): GroupHandler {
  const origin = { group: `saga:${saga.name}`, node: saga.name };
  const { store } = ctx;
  return {
    ...origin,
    topics: sagaTopics(saga),
    idempotent: true,
    retry: DEFAULT_RETRY_POLICY,
    deadLetter: true,
    async handle(message) {
      return () => {
        const instanceId = sagaInstanceIdOf(saga, message);
        if (instanceId === undefined) return;
        const now = ctx.clock.now();
        const record = store.sagas.load(saga.name, instanceId);
        const current = record ? (record.state as unknown as SagaInstance) : undefined;
        const next = transition(saga, current, message, now);
        if (!next.changed || !next.instance) return;
        const instance = next.instance;
        store.sagas.save(
          {
            sagaName: saga.name,
            instanceId,
            status: instance.status,
            state: instance as unknown as JsonObject,
            correlationId: instance.correlationId,
            version: record?.version ?? 0,
          },
          now,
        );
        const sent = next.outgoing.map((out, index) => {
          const action = out.action;
          const metadata = childMetadata(ctx, action.kind === "command" ? "cmd" : "call", origin, message.metadata, index, out.replyTo);
          if (action.kind === "command") sendCommand(ctx, action.command, metadata, origin);
          else sendCall(ctx, action, metadata, origin);
          return metadata.messageId;
        });
        // The last note of a transition carries the instance as saved, so the trace alone can replay saga state (time travel).
        next.notes.forEach((note, index) => {
          const saved: JsonObject = index === next.notes.length - 1 ? { instance: instance as unknown as JsonObject } : {};
          ctx.trace(note.kind, { ...traceIds(message.metadata), fromNode: saga.name, summary: note.summary, detail: { instanceId, step: note.step, sent, ...saved } });
        });
        for (const alert of next.alerts) raiseAlert(ctx, "critical", saga.name, alert, message.metadata);
      };
    },
  };
}
