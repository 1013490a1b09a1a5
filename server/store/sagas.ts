// Persisted saga instances of one run, saved with an optimistic version.

import type { JsonObject } from "../core/definitions";
import type { SqliteDatabase } from "./database";
import { SagaVersionConflictError } from "./errors";
import type { SagaRecord, SagaStatus } from "./types";

export interface SagaStore {
  load(sagaName: string, instanceId: string): SagaRecord | undefined;
  /**
   * Saves the instance if it is still at `record.version` (0 = new) and
   * returns the new version; otherwise throws SagaVersionConflictError.
   */
  save(record: Omit<SagaRecord, "updatedAt">, now: number): number;
  /** Instances, optionally of one saga, in name/id order. */
  list(sagaName?: string): SagaRecord[];
}

interface Row {
  saga_name: string;
  instance_id: string;
  status: SagaStatus;
  state: string;
  version: number;
  correlation_id: string;
  updated_at: number;
}

const COLUMNS = "saga_name, instance_id, status, state, version, correlation_id, updated_at";

export function createSagaStore(db: SqliteDatabase, runId: string): SagaStore {
  const select = db.prepare<[string, string, string], Row>(
    `SELECT ${COLUMNS} FROM saga_instances WHERE run_id = ? AND saga_name = ? AND instance_id = ?`,
  );
  const insert = db.prepare<[string, string, string, string, string, string, number]>(
    `INSERT OR IGNORE INTO saga_instances (run_id, saga_name, instance_id, status, state, correlation_id, version, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
  );
  const update = db.prepare<[string, string, number, string, string, string, number]>(
    `UPDATE saga_instances SET status = ?, state = ?, version = version + 1, updated_at = ?
     WHERE run_id = ? AND saga_name = ? AND instance_id = ? AND version = ?`,
  );
  const all = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM saga_instances WHERE run_id = ? ORDER BY saga_name, instance_id`);
  const ofSaga = db.prepare<[string, string], Row>(
    `SELECT ${COLUMNS} FROM saga_instances WHERE run_id = ? AND saga_name = ? ORDER BY instance_id`,
  );

  function load(sagaName: string, instanceId: string): SagaRecord | undefined {
    const row = select.get(runId, sagaName, instanceId);
    return row && toRecord(row);
  }

  return {
    load,
    save(record, now) {
      const state = JSON.stringify(record.state);
      const changed =
        record.version === 0
          ? insert.run(runId, record.sagaName, record.instanceId, record.status, state, record.correlationId, now).changes
          : update.run(record.status, state, now, runId, record.sagaName, record.instanceId, record.version).changes;
      if (changed !== 1) {
        const actual = load(record.sagaName, record.instanceId)?.version ?? 0;
        throw new SagaVersionConflictError(record.sagaName, record.instanceId, record.version, actual);
      }
      return record.version + 1;
    },
    list: (sagaName) => (sagaName === undefined ? all.all(runId) : ofSaga.all(runId, sagaName)).map(toRecord),
  };
}

function toRecord(row: Row): SagaRecord {
  return {
    sagaName: row.saga_name,
    instanceId: row.instance_id,
    status: row.status,
    state: JSON.parse(row.state) as JsonObject,
    correlationId: row.correlation_id,
    version: row.version,
    updatedAt: row.updated_at,
  };
}
