"use client";
// Inspector form of an outbox: its aggregate and the relay's batch size and poll interval.
import { NumberField, SelectField } from "./fields";
import { useLocated } from "./useLocated";

export function OutboxForm({ id }: { id: string }) {
  const { flow, found, update } = useLocated(id, "outbox");
  if (!found) return null;
  const outbox = found.element;
  return (
    <>
      <SelectField label="Aggregate" value={outbox.aggregate} options={flow.aggregates.map((a) => a.name)} onChange={(aggregate) => update((f) => { f.element.aggregate = aggregate; })} />
      <p className="muted small">One relay publishes every outbox, so all outboxes share these two settings.</p>
      <NumberField label="Relay batch size" value={outbox.batchSize} min={1} onChange={(batchSize) => update((_, draft) => { for (const o of draft.outboxes) o.batchSize = batchSize; }, "batch")} />
      <NumberField label="Poll interval (ms)" value={outbox.pollIntervalMs} min={0} onChange={(pollIntervalMs) => update((_, draft) => { for (const o of draft.outboxes) o.pollIntervalMs = pollIntervalMs; }, "poll")} />
    </>
  );
}
