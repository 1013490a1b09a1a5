"use client";
// The inspector with nothing selected: the flow's description and what it holds.
import { useStudio } from "../studioContext";
import { TextField } from "./fields";

export function FlowForm() {
  const flow = useStudio((s) => s.flow);
  const edit = useStudio((s) => s.edit);
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  return (
    <>
      <TextField label="Description" multiline value={flow.description} onChange={(description) => edit((d) => { d.description = description; }, { mergeKey: "flow:description" })} />
      <p className="muted small">
        {[count(flow.aggregates.length, "aggregate"), count(flow.projections.length, "projection"), count(flow.services.length, "service"),
          count(flow.sagas.length, "saga"), count(flow.consumers.length, "consumer")].join(" · ")}
      </p>
      <p className="muted small">Select a node to edit it. Drag elements from the palette; connect them by dragging from a node&apos;s right handle to another node.</p>
    </>
  );
}
