"use client";
// Fault injection: for the node picked on the canvas (its ⚡ button) or here, the faults its kind
// can take — a service failing its next N calls or with probability p, a handler throwing a
// retryable or non-retryable error, a slowed consumer, messages delivered twice, the outbox relay
// paused — and every fault in force, each with Clear. The node shows its faults too.
import { useMemo, useState, type FormEvent } from "react";
import { useStudio } from "../studio/studioContext";
import type { FaultInput } from "./api";
import { FAULT_LABEL, FAULTABLE, faultChoices, groupOf, type FaultChoice } from "./faultKinds";
import { useRun, useRunLayer } from "./runContext";
import { useRunActions } from "./useRunActions";

export function FaultsPanel() {
  const { store, topology } = useRunLayer();
  const actions = useRunActions();
  const target = useRun((s) => s.faultMenu);
  const faults = useRun((s) => s.faults);
  const targets = useMemo(() => [...topology.nodes].filter(([, node]) => FAULTABLE.has(node.kind)), [topology]);
  const node = target ? topology.nodes.get(target) : undefined;
  return (
    <div className="run-faults-panel">
      <div className="run-faults-form">
        <label className="field">
          <span className="field-label">Inject a fault into</span>
          <select aria-label="Fault target" value={target ?? ""} onChange={(event) => store.getState().openFaultMenu(event.target.value || null)}>
            <option value="">Pick a service, consumer, saga or outbox…</option>
            {targets.map(([id, n]) => (
              <option key={id} value={id}>{n.kind} · {n.name}</option>
            ))}
          </select>
        </label>
        {node && target && <FaultForm key={target} node={target} />}
      </div>
      <div className="run-faults-list">
        <h3 className="small">Faults in force</h3>
        {faults.length === 0 ? (
          <p className="muted small">None.</p>
        ) : (
          <ul data-testid="faults-in-force">
            {faults.map((fault) => (
              <li key={fault.key}>
                ⚡ {fault.summary}{" "}
                <button type="button" className="secondary small" onClick={() => void actions.clearFault(fault.key)}>Clear</button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function FaultForm({ node }: { node: string }) {
  const { topology } = useRunLayer();
  const actions = useRunActions();
  const busy = useRun((s) => s.busy);
  const flow = useStudio((s) => s.flow);
  const target = topology.nodes.get(node)!;
  const choices = faultChoices(target.kind);
  const operations = useMemo(() => flow.services.find((service) => service.id === node)?.operations.map((op) => op.name) ?? [], [flow, node]);
  const [choice, setChoice] = useState<FaultChoice>(choices[0]!);
  const [operation, setOperation] = useState(operations[0] ?? "");
  const [count, setCount] = useState("1");
  const [probability, setProbability] = useState("50");
  const [retryable, setRetryable] = useState(true);
  const [delay, setDelay] = useState("500");
  const [error, setError] = useState<string | null>(null);

  function build(): FaultInput | string {
    const n = Number(count);
    const countOk = Number.isInteger(n) && n >= 1 && n <= 1000;
    switch (choice) {
      case "service-fail-next":
        return countOk ? { kind: choice, service: target.name, operation, count: n } : "Give a count between 1 and 1,000.";
      case "service-failure-rate": {
        const p = Number(probability);
        return p > 0 && p <= 100 ? { kind: choice, service: target.name, operation, probability: p / 100 } : "Give a probability above 0% and at most 100%.";
      }
      case "handler-error":
        return countOk ? { kind: choice, group: groupOf(target), count: n, retryable } : "Give a count between 1 and 1,000.";
      case "slow-consumer": {
        const ms = Number(delay);
        return Number.isInteger(ms) && ms >= 1 && ms <= 60_000 ? { kind: choice, group: groupOf(target), delayMs: ms } : "Give a delay between 1 and 60,000 ms.";
      }
      case "duplicate-delivery":
        return countOk ? { kind: choice, group: groupOf(target), count: n } : "Give a count between 1 and 1,000.";
      case "relay-paused":
        return { kind: choice };
      default: {
        const unknown: never = choice;
        throw new Error(`Unknown fault ${String(unknown)}.`);
      }
    }
  }

  async function inject(event: FormEvent) {
    event.preventDefault();
    const fault = build();
    if (typeof fault === "string") {
      setError(fault);
      return;
    }
    setError(null);
    await actions.injectFault(fault);
  }

  const needsCount = choice === "service-fail-next" || choice === "handler-error" || choice === "duplicate-delivery";
  return (
    <form className="run-fault-form" onSubmit={inject} aria-label={`Fault for ${target.name}`}>
      <fieldset className="run-choices">
        <legend className="field-label">What goes wrong</legend>
        {choices.map((c) => (
          <label key={c} className="field-check">
            <input type="radio" name="fault" value={c} checked={choice === c} onChange={() => setChoice(c)} /> {FAULT_LABEL[c]}
          </label>
        ))}
      </fieldset>
      {(choice === "service-fail-next" || choice === "service-failure-rate") && (
        <label className="field">
          <span className="field-label">Operation</span>
          <select aria-label="Operation" value={operation} onChange={(event) => setOperation(event.target.value)}>
            {operations.map((op) => <option key={op} value={op}>{op}</option>)}
          </select>
        </label>
      )}
      {needsCount && (
        <label className="field">
          <span className="field-label">{choice === "service-fail-next" ? "Calls" : choice === "handler-error" ? "Deliveries" : "Messages"}</span>
          <input aria-label="Count" value={count} onChange={(event) => setCount(event.target.value)} inputMode="numeric" />
        </label>
      )}
      {choice === "service-failure-rate" && (
        <label className="field">
          <span className="field-label">Probability (%)</span>
          <input aria-label="Probability" value={probability} onChange={(event) => setProbability(event.target.value)} inputMode="decimal" />
        </label>
      )}
      {choice === "handler-error" && (
        <label className="field-check">
          <input type="checkbox" checked={retryable} onChange={(event) => setRetryable(event.target.checked)} /> Retryable (unchecked: goes straight to the dead-letter queue)
        </label>
      )}
      {choice === "slow-consumer" && (
        <label className="field">
          <span className="field-label">Extra delay per delivery (ms)</span>
          <input aria-label="Delay" value={delay} onChange={(event) => setDelay(event.target.value)} inputMode="numeric" />
        </label>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
      <button type="submit" className="small" disabled={busy}>Inject fault</button>
    </form>
  );
}
