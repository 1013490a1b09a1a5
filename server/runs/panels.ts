// The read panels of an open run: read models (rows per projection, paged by key), saga instances
// with their step history, and alerts. Read-only views over the run's store.
import type { JsonObject } from "../core/definitions";
import type { SagaHistoryEntry, SagaInstance } from "../core/sagaMachine";
import type { SagaStatus } from "../store";
import { RunNotFoundError } from "./errors";
import type { LiveRun } from "./liveRun";

export interface ReadModelSummary {
  name: string;
  /** Canvas node (the projection's element id). */
  node: string;
  rows: number;
  /** Global log position the projection has counted up to. */
  position: number;
}

export function readModels(run: LiveRun): ReadModelSummary[] {
  return run.flow.projections.map((projection) => ({
    name: projection.name,
    node: projection.id,
    rows: run.engine.store.projections.count(projection.name),
    position: run.engine.projectionPosition(projection.name),
  }));
}

export function readModelRows(run: LiveRun, projection: string, afterKey: string, limit: number): { rows: { key: string; data: JsonObject; updatedAt: number }[]; total: number; nextAfterKey: string | null } {
  if (!run.flow.projections.some((candidate) => candidate.name === projection)) throw new RunNotFoundError(`This run's flow has no read model named "${projection}".`);
  const { projections } = run.engine.store;
  const rows = projections.list(projection, { afterKey, limit });
  return { rows, total: projections.count(projection), nextAfterKey: rows.length === limit ? rows.at(-1)!.key : null };
}

export interface SagaInstanceView {
  saga: string;
  /** Canvas node of the saga. */
  node: string | null;
  instanceId: string;
  status: SagaStatus;
  correlationId: string;
  version: number;
  updatedAt: number;
  /** Forward step in flight or last attempted (index). */
  step: number;
  completed: number[];
  compensating: number | null;
  data: JsonObject;
  history: (SagaHistoryEntry & { stepName: string | null; stepNode: string | null })[];
}

export function sagaInstances(run: LiveRun, options: { saga?: string; status?: SagaStatus; limit: number }): { instances: SagaInstanceView[]; total: number } {
  const records = run.engine.store.sagas.list(options.saga).filter((record) => options.status === undefined || record.status === options.status);
  const instances = records.slice(0, options.limit).map((record): SagaInstanceView => {
    const instance = record.state as unknown as SagaInstance;
    const saga = run.flow.sagas.find((candidate) => candidate.name === record.sagaName);
    const steps = saga?.kind === "orchestrated" ? saga.steps : [];
    return {
      saga: record.sagaName,
      node: saga?.id ?? null,
      instanceId: record.instanceId,
      status: record.status,
      correlationId: record.correlationId,
      version: record.version,
      updatedAt: record.updatedAt,
      step: instance.step,
      completed: instance.completed,
      compensating: instance.compensating,
      data: instance.data,
      history: instance.history.map((entry) => ({ ...entry, stepName: steps[entry.step]?.name ?? null, stepNode: steps[entry.step]?.id ?? null })),
    };
  });
  return { instances, total: records.length };
}

export function alerts(run: LiveRun, afterId: number, limit: number) {
  return run.engine.store.alerts.list(afterId, limit);
}
