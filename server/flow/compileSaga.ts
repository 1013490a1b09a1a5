// Compiles sagas: an orchestrated saga into the contract's saga definition; a choreography into
// reactions (for commands to aggregates) and consumers (for calls to services, which reactions cannot make).
import type { ConsumerDefinition, ReactionDefinition, RetryPolicyDefinition, SagaDefinition, SagaStepDefinition } from "../core/definitions";
import type { Catalog } from "./catalog";
import { compileSend } from "./compileSend";
import { keyOf, messageMeta } from "./compileValues";
import { compileExpression, holds } from "./expressions";
import type { ChoreographySaga, OrchestratedSaga } from "./schema";

/** Retry policy of the consumers standing for reactions that call services. */
export const REACTION_RETRY: RetryPolicyDefinition = { maxAttempts: 4, initialMs: 100, multiplier: 2, maxMs: 2000, jitter: 0.2, nonRetryable: [] };

export function compileOrchestrated(saga: OrchestratedSaga, catalog: Catalog): SagaDefinition {
  const instanceId = compileExpression(saga.trigger.instanceId, "message");
  const steps = saga.steps.map((step): SagaStepDefinition => {
    const forward = compileSend(step, "saga", catalog);
    const successEvent = step.successEvent ?? forward.successEvent;
    if (successEvent === undefined) throw new Error(`step "${step.name}" of saga ${saga.name} cannot tell success`);
    const failureEvent = step.failureEvent ?? forward.failureEvent;
    const definition: SagaStepDefinition = {
      name: step.name,
      action: (data) => forward.build({ saga: data }),
      successEvent,
      ...(failureEvent === undefined ? {} : { failureEvent }),
    };
    const compensation = step.compensation;
    if (!compensation) return definition;
    const undo = compileSend(
      { target: compensation.target ?? step.target, command: compensation.command, key: compensation.key ?? step.key, data: compensation.data },
      "saga",
      catalog,
    );
    if (undo.successEvent === undefined) throw new Error(`the compensation of step "${step.name}" of saga ${saga.name} cannot tell success`);
    return {
      ...definition,
      compensation: {
        action: (data) => undo.build({ saga: data }),
        successEvent: undo.successEvent,
        ...(undo.failureEvent === undefined ? {} : { failureEvent: undo.failureEvent }),
      },
    };
  });
  return {
    name: saga.name,
    triggerEvent: saga.trigger.event,
    instanceId: (event) => keyOf(instanceId.evaluate({ event: event.data, meta: messageMeta(event) }), saga.trigger.instanceId),
    steps,
  };
}

export function compileChoreography(saga: ChoreographySaga, catalog: Catalog): { reactions: ReactionDefinition[]; consumers: ConsumerDefinition[] } {
  const reactions: ReactionDefinition[] = [];
  const consumers: ConsumerDefinition[] = [];
  for (const reaction of saga.reactions) {
    const send = compileSend(reaction, "message", catalog);
    const when = reaction.when === undefined ? undefined : compileExpression(reaction.when, "message");
    const effect = (message: Parameters<ReactionDefinition["command"]>[0]) => {
      const variables = { event: message.data, meta: messageMeta(message) };
      return when && !holds(when, variables) ? null : send.build(variables);
    };
    if (catalog.targets.get(reaction.target)?.kind === "aggregate") {
      reactions.push({
        name: reaction.name,
        on: reaction.on,
        command: (message) => {
          const built = effect(message);
          return built?.kind === "command" ? built.command : null;
        },
      });
    } else {
      consumers.push({
        group: reaction.name,
        topics: [reaction.on],
        handle: (message) => {
          const built = effect(message);
          return built ? [built] : [];
        },
        retry: REACTION_RETRY,
        deadLetter: true,
        idempotent: true,
      });
    }
  }
  return { reactions, consumers };
}
