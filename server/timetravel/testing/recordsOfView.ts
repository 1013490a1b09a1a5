// Test helper: the records a WorldView was grouped from, by id, so a test can
// apply a TimelineDiff to one view and compare with another.

import { idOf, type WorldRecord } from "../kernel/records";
import type { WorldView } from "../kernel/view";

export function recordsOfView(view: WorldView): Map<string, WorldRecord> {
  const records: WorldRecord[] = [...Object.values(view.aggregates)];
  for (const [projection, model] of Object.entries(view.readModels)) {
    for (const [key, row] of Object.entries(model.rows)) records.push({ kind: "row", projection, key, row });
    if (model.stalled) records.push(model.stalled);
  }
  for (const instances of Object.values(view.sagas)) records.push(...Object.values(instances));
  const outbox = new Map<string, WorldRecord & { kind: "outbox" }>();
  for (const { messageId, ...send } of view.queues.outbox) {
    const record = outbox.get(messageId) ?? { kind: "outbox", messageId, pending: [] };
    record.pending.push(send);
    outbox.set(messageId, record);
  }
  records.push(...outbox.values(), ...view.queues.retries, ...view.queues.deadLetters);
  return new Map(records.map((record) => [idOf(record), record]));
}
