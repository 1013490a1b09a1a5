// The eight teaching demos of ARCHITECTURE.md §6, in gallery order; seeded on first start.
import { aiAgentBackbone } from "./aiAgentBackbone";
import { bankAccount } from "./bankAccount";
import type { Demo } from "./define";
import { fanOut } from "./fanOut";
import { idempotentConsumers } from "./idempotentConsumers";
import { orderCqrs } from "./orderCqrs";
import { orderSagaChoreography } from "./orderSagaChoreography";
import { orderSagaOrchestrated } from "./orderSagaOrchestrated";
import { outboxRetriesDlq } from "./outboxRetriesDlq";

export type { Demo } from "./define";

export const demos: readonly Demo[] = [
  bankAccount,
  orderCqrs,
  orderSagaOrchestrated,
  orderSagaChoreography,
  outboxRetriesDlq,
  idempotentConsumers,
  aiAgentBackbone,
  fanOut,
];
