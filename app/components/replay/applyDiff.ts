// Stepping without a round trip for the whole world: applies a records diff (what one event
// changed, or its reverse) to the grouped world the panels show, copying only what changes.
// Pure: reads its arguments only; lists come out in the order the server sorts them.
import type { World, WorldDiff, WorldRecord } from "./types";

type Queues = NonNullable<World["queues"]>;

/** The diff that undoes `diff`. */
export function reverseDiff(diff: WorldDiff): WorldDiff {
  const updated: WorldDiff["updated"] = {};
  for (const [id, [from, to]] of Object.entries(diff.updated)) updated[id] = [to, from];
  return { added: diff.removed, updated, removed: diff.added };
}

export function applyWorldDiff(world: World, diff: WorldDiff): World {
  const next: World = { ...world };
  const touched = new Set<string>();
  /** A shallow copy of a part (and of a nested record), once per apply. */
  const own = <T extends object>(key: string, value: T): T => {
    if (touched.has(key)) return value;
    touched.add(key);
    return (Array.isArray(value) ? [...value] : { ...value }) as T;
  };

  const edit = (record: WorldRecord, present: boolean) => {
    switch (record.kind) {
      case "aggregate": {
        if (!next.aggregates) return;
        const aggregates = (next.aggregates = own("aggregates", next.aggregates));
        if (present) aggregates[record.streamId] = record;
        else delete aggregates[record.streamId];
        return;
      }
      case "row":
      case "projection-stall": {
        if (!next.readModels) return;
        const models = (next.readModels = own("readModels", next.readModels));
        const model = (models[record.projection] = own(`model:${record.projection}`, models[record.projection] ?? { rows: {}, stalled: null }));
        if (record.kind === "projection-stall") model.stalled = present ? record : null;
        else {
          model.rows = own(`rows:${record.projection}`, model.rows);
          if (present) model.rows[record.key] = record.row;
          else delete model.rows[record.key];
        }
        return;
      }
      case "saga": {
        if (!next.sagas) return;
        const sagas = (next.sagas = own("sagas", next.sagas));
        const instances = (sagas[record.sagaName] = own(`saga:${record.sagaName}`, sagas[record.sagaName] ?? {}));
        if (present) instances[record.instanceId] = record;
        else delete instances[record.instanceId];
        if (Object.keys(instances).length === 0) delete sagas[record.sagaName];
        return;
      }
      case "outbox":
      case "retry":
      case "dead-letter": {
        if (!next.queues) return;
        const queues = (next.queues = own("queues", next.queues));
        editQueue(queues, record, present);
        return;
      }
      default: {
        const unknown: never = record;
        throw new Error(`Unknown world record ${JSON.stringify(unknown)}`);
      }
    }
  };

  for (const record of Object.values(diff.removed)) edit(record, false);
  for (const [from, to] of Object.values(diff.updated)) {
    edit(from, false);
    edit(to, true);
  }
  for (const record of Object.values(diff.added)) edit(record, true);
  if (next.queues && touched.has("queues")) sortQueues(next.queues);
  return next;
}

/** Replaces the queue's list with a new one (the old one may be shared with the previous world). */
function editQueue(queues: Queues, record: Extract<WorldRecord, { kind: "outbox" | "retry" | "dead-letter" }>, present: boolean): void {
  switch (record.kind) {
    case "outbox": {
      const outbox = (queues.outbox = queues.outbox.filter((send) => send.messageId !== record.messageId));
      if (present) outbox.push(...record.pending.map((send) => ({ messageId: record.messageId, ...send })));
      return;
    }
    case "retry": {
      const retries = (queues.retries = queues.retries.filter((retry) => retry.node !== record.node || retry.messageId !== record.messageId));
      if (present) retries.push(record);
      return;
    }
    case "dead-letter": {
      const letters = (queues.deadLetters = queues.deadLetters.filter((letter) => letter.id !== record.id));
      if (present) letters.push(record);
      return;
    }
    default: {
      const unknown: never = record;
      throw new Error(`Unknown queue record ${JSON.stringify(unknown)}`);
    }
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortQueues(queues: Queues): void {
  queues.outbox.sort((a, b) => a.seq - b.seq);
  queues.retries.sort((a, b) => a.dueAt - b.dueAt || compare(a.node, b.node) || compare(a.messageId, b.messageId));
  queues.deadLetters.sort((a, b) => a.id - b.id);
}
