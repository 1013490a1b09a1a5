// The group handlers the engine runs on the transport: user consumers, choreography
// reactions and the command processor (which dispatches commands sent through the
// outbox). Sagas and services have their own files.

import type { Command, ConsumerDefinition, ReactionDefinition } from "../core/definitions";
import { DEFAULT_RETRY_POLICY } from "../core/retryPolicy";
import type { CommandHandler } from "./commands";
import { COMMANDS_TOPIC } from "./envelope";
import type { GroupHandler } from "./groupRunner";
import { childMetadata, sendCommand, sendEffects } from "./outgoing";
import type { RunContext } from "./runContext";

export function consumerHandler(ctx: RunContext, consumer: ConsumerDefinition): GroupHandler {
  const origin = { group: consumer.group, node: consumer.group };
  return {
    ...origin,
    topics: consumer.topics,
    idempotent: consumer.idempotent,
    retry: consumer.retry,
    deadLetter: consumer.deadLetter,
    async handle(message) {
      const effects = await consumer.handle(message, { now: ctx.clock.now() });
      return () => sendEffects(ctx, effects, message.metadata, origin);
    },
  };
}

export function reactionHandler(ctx: RunContext, reaction: ReactionDefinition): GroupHandler {
  const origin = { group: `reaction:${reaction.name}`, node: reaction.name };
  return {
    ...origin,
    topics: [reaction.on],
    idempotent: true,
    retry: DEFAULT_RETRY_POLICY,
    deadLetter: true,
    async handle(message) {
      const command = await reaction.command(message);
      return () => {
        if (command) sendCommand(ctx, command, childMetadata(ctx, "cmd", origin, message.metadata, 0), origin);
      };
    },
  };
}

/** Dispatches commands sent through the outbox; idempotent by command id inside dispatch. */
export function commandProcessorHandler(commands: CommandHandler): GroupHandler {
  return {
    group: "_commands",
    node: "commands",
    topics: [COMMANDS_TOPIC],
    idempotent: false,
    retry: DEFAULT_RETRY_POLICY,
    deadLetter: true,
    async handle(message) {
      const { messageId, correlationId, causationId, replyTo } = message.metadata;
      await commands.dispatch(message.data as unknown as Command, { messageId, correlationId, causationId, ...(replyTo ? { replyTo } : {}) });
      return () => {};
    },
  };
}
