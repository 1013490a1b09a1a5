// Comparing the worlds of two runs (a run and its fork): each WorldView is flattened back into
// records keyed by id (the ids the time-travel kernel uses), and the two are diffed as records.
// Pure: reads only its arguments.
import { diffRecords } from "../../timetravel/kernel/recordsDiff";
import { recordId, type OutboxRecord, type WorldDiff, type WorldRecord, type WorldView } from "../../timetravel";

/** The records a world view was grouped from, by id. */
export function recordsOfWorld(world: WorldView): Map<string, WorldRecord> {
  const records = new Map<string, WorldRecord>();
  for (const aggregate of Object.values(world.aggregates)) records.set(recordId.aggregate(aggregate.streamId), aggregate);
  for (const [projection, model] of Object.entries(world.readModels)) {
    for (const [key, row] of Object.entries(model.rows)) records.set(recordId.row(projection, key), { kind: "row", projection, key, row });
    if (model.stalled) records.set(recordId.stall(projection), model.stalled);
  }
  for (const instances of Object.values(world.sagas)) for (const saga of Object.values(instances)) records.set(recordId.saga(saga.sagaName, saga.instanceId), saga);
  const outbox = new Map<string, OutboxRecord>();
  for (const { messageId, ...send } of world.queues.outbox) {
    const record = outbox.get(messageId) ?? { kind: "outbox", messageId, pending: [] };
    record.pending.push(send);
    outbox.set(messageId, record);
  }
  for (const record of outbox.values()) records.set(recordId.outbox(record.messageId), record);
  for (const retry of world.queues.retries) records.set(recordId.retry(retry.node, retry.messageId), retry);
  for (const letter of world.queues.deadLetters) records.set(recordId.deadLetter(letter.id), letter);
  return records;
}

/** What differs from world `left` to world `right` (added: only in right; removed: only in left). */
export function compareWorlds(left: WorldView, right: WorldView): WorldDiff {
  return diffRecords(recordsOfWorld(left), recordsOfWorld(right));
}
