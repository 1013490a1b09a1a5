"use client";
// The inspector: the form of the selected node (or of the flow when nothing is selected), headed by
// the node's validation problems. Demos show their forms disabled.
import type { GraphNode } from "@/server/flow/graph";
import { capitalized, KIND_LABEL } from "../kinds/labels";
import { nodeTitle } from "../kinds/title";
import { useStudio } from "../studioContext";
import { AggregateForm } from "./AggregateForm";
import { CommandForm } from "./CommandForm";
import { ConsumerForm } from "./ConsumerForm";
import { EventForm } from "./EventForm";
import { FlowForm } from "./FlowForm";
import { OutboxForm } from "./OutboxForm";
import { ProjectionForm } from "./ProjectionForm";
import { SagaForm } from "./SagaForm";
import { SagaStepForm } from "./SagaStepForm";
import { ServiceForm } from "./ServiceForm";
import { TopicInfo } from "./TopicInfo";

function FormFor({ node }: { node: GraphNode }) {
  switch (node.kind) {
    case "aggregate": return <AggregateForm id={node.id} />;
    case "command": return <CommandForm id={node.id} />;
    case "event": return node.data.origin === "reply" ? <ServiceForm id={node.elementId!} /> : <EventForm id={node.id} />;
    case "projection": return <ProjectionForm id={node.id} />;
    case "service": return <ServiceForm id={node.id} />;
    case "saga": return <SagaForm id={node.id} />;
    case "sagaStep": return <SagaStepForm id={node.id} />;
    case "consumer": return <ConsumerForm id={node.id} />;
    case "outbox": return <OutboxForm id={node.id} />;
    case "topic": return <TopicInfo topic={node.data.topic} />;
    case "dlq": return <ConsumerForm id={node.data.consumerId} />;
    default: {
      const unknown: never = node;
      throw new Error(`no form for ${JSON.stringify(unknown)}`);
    }
  }
}

export function Inspector() {
  const selected = useStudio((s) => s.selected);
  const graph = useStudio((s) => s.graph);
  const readOnly = useStudio((s) => s.readOnly);
  const node = selected.length === 1 ? graph.nodes.find((n) => n.id === selected[0]) : undefined;
  const problems = useStudio((s) => (node ? s.problemsByNode[node.id] : undefined));
  const heading = node ? `${capitalized(KIND_LABEL[node.kind])}: ${nodeTitle(node)}` : selected.length > 1 ? `${selected.length} elements selected` : "Flow";
  return (
    <section className="inspector" aria-labelledby="inspector-heading" data-testid="inspector">
      <h2 id="inspector-heading">{heading}</h2>
      {node?.kind === "event" && node.data.origin === "reply" && <p className="muted small">A reply of {node.data.owner}: edit it on its service.</p>}
      {node?.kind === "dlq" && <p className="muted small">The dead-letter queue of consumer group {node.data.group}: its settings are the consumer&apos;s.</p>}
      {problems && (
        <ul className="node-problem-list" aria-label="Problems of this element">
          {problems.map((p, i) => <li key={i} className="error">{p.message}</li>)}
        </ul>
      )}
      {selected.length > 1 ? (
        <p className="muted small">Delete, copy or drag them together; select one to edit it.</p>
      ) : (
        <fieldset className="inspector-form" disabled={readOnly}>
          <legend className="visually-hidden">Settings</legend>
          {node ? <FormFor key={node.id} node={node} /> : <FlowForm />}
        </fieldset>
      )}
    </section>
  );
}
