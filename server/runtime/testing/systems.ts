// Test systems built from the hand-written domains of core/testing, and a
// harness that runs one on a fresh SQLite file.

import type { SystemDefinition } from "../../core/definitions";
import { accountAggregate, balancesProjection, welcomeBonusReaction } from "../../core/testing/bank";
import { auditorConsumer, idempotentMailer, mailerService, plainMailer } from "../../core/testing/consumers";
import { fulfilmentSaga, orderAggregate, orderServices, orderUpcasters, orderViewProjection } from "../../core/testing/order";
import { createRunStore, type RunStore } from "../../store";
import { createTempDatabase, type TempDatabase } from "../../store/testing/tempDatabase";
import { createEngine, type Engine } from "../engine";

export const emptySystem: SystemDefinition = {
  aggregates: [],
  upcasters: [],
  projections: [],
  services: [],
  sagas: [],
  reactions: [],
  consumers: [],
  outbox: { batchSize: 50, pollIntervalMs: 0 },
};

/** Bank accounts with the balances projection, the auditor and both mailers. */
export function bankSystem(overrides: Partial<SystemDefinition> = {}): SystemDefinition {
  return {
    ...emptySystem,
    aggregates: [accountAggregate(5)],
    projections: [balancesProjection],
    services: [mailerService],
    consumers: [auditorConsumer, idempotentMailer, plainMailer],
    ...overrides,
  };
}

/** Orders with upcasters, the order view, the fulfilment saga and its services. */
export function orderSystem(overrides: Partial<SystemDefinition> = {}): SystemDefinition {
  return {
    ...emptySystem,
    aggregates: [orderAggregate],
    upcasters: orderUpcasters,
    projections: [orderViewProjection],
    services: orderServices,
    sagas: [fulfilmentSaga],
    ...overrides,
  };
}

export { welcomeBonusReaction };

export interface Harness {
  temp: TempDatabase;
  store: RunStore;
  engine: Engine;
  /** A new engine on the same run (as after a restart). */
  restart(definition?: SystemDefinition): Engine;
  cleanup(): Promise<void>;
}

export function startHarness(definition: SystemDefinition, seed = 1, runId = "run-1"): Harness {
  const temp = createTempDatabase();
  const store = createRunStore(temp.db, runId);
  const engines: Engine[] = [createEngine({ definition, store, seed })];
  return {
    temp,
    store,
    engine: engines[0]!,
    restart(next = definition) {
      const engine = createEngine({ definition: next, store: createRunStore(temp.reopen(), runId), seed });
      engines.push(engine);
      return engine;
    },
    async cleanup() {
      for (const engine of engines) await engine.close();
      temp.cleanup();
    },
  };
}
