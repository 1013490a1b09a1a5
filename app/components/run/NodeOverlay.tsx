"use client";
// What a canvas node shows while its flow runs (rendered inside each node card through the
// studio's overlay slot): dead letters waiting, the outbox's pending rows, saga instances with
// their current step, instances at a step and compensations done, retries with attempt and backoff
// countdown, duplicates absorbed, handled and failed deliveries, a projection's newest rows, a
// rejection flash, and the faults in force with a button to inject or clear one. Each node reads
// only its own slice of the run store.
import { memo, type MouseEvent } from "react";
import type { NodeOverlayProps } from "../studio/nodeOverlay";
import type { FaultViewData } from "./api";
import { FAULTABLE } from "./faultKinds";
import type { NodeLive } from "./liveModel";
import { ProjectionRows } from "./ProjectionRows";
import { RetryCountdown } from "./RetryCountdown";
import { useRun, useRunLayer } from "./runContext";
import { useRunActions } from "./useRunActions";

const NO_FAULTS: FaultViewData[] = [];
const stop = (event: MouseEvent) => event.stopPropagation();
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export const NodeOverlay = memo(function NodeOverlay({ id, kind }: NodeOverlayProps) {
  const running = useRun((s) => s.runId !== null);
  const live = useRun((s) => s.nodes[id]);
  const faults = useRun((s) => s.faultsByNode[id] ?? NO_FAULTS);
  const flash = useRun((s) => s.flashes[id]);
  if (!running) return null;
  return (
    <div className="run-overlay nodrag nopan" data-testid="run-overlay" onClick={stop} onDoubleClick={stop}>
      {live && <LiveLines id={id} kind={kind} live={live} />}
      {live?.rejection && (
        <div key={live.rejection.serial} className="run-flash" data-testid="run-rejection" role="status" title={live.rejection.message}>
          ✖ {live.rejection.message}
        </div>
      )}
      {flash && (
        <div key={flash.serial} className="run-flash" data-testid="run-conflict" role="status" title={flash.message}>
          ✖ {flash.message}
        </div>
      )}
      <FaultBadges node={id} kind={kind} faults={faults} />
    </div>
  );
});

function LiveLines({ id, kind, live }: { id: string; kind: NodeOverlayProps["kind"]; live: NodeLive }) {
  return (
    <>
      {live.deadLetters !== undefined && (
        <div className={`run-badge run-dlq${live.deadLetters > 0 ? " is-bad" : ""}`} data-testid="run-dead-letters" data-count={live.deadLetters}>
          ✉ {plural(live.deadLetters, "dead letter")}
        </div>
      )}
      {live.pending && (
        <div className="run-pending" data-testid="run-outbox-pending" data-count={live.pending.count}>
          <div className="run-badge">{plural(live.pending.count, "pending row")}</div>
          {live.pending.newest.map((row, i) => (
            <div className="run-row mono" key={i}>{row}</div>
          ))}
        </div>
      )}
      {live.sagas && (
        <div className="run-sagas" data-testid="run-saga-instances">
          {live.sagas.lines.map((line) => (
            <div className={`run-row saga-${line.status}`} key={line.instanceId} data-instance={line.instanceId} data-status={line.status}>
              <span className="mono">{line.instanceId}</span> · {line.step ?? "starting"} · <strong>{line.status}</strong>
            </div>
          ))}
        </div>
      )}
      {(live.atStep ?? 0) > 0 && <div className="run-badge" data-testid="run-at-step">{plural(live.atStep!, "instance")} here</div>}
      {(live.compensations ?? 0) > 0 && (
        <div className="run-badge run-compensation" data-testid="run-compensations" data-count={live.compensations}>
          ↺ compensated {live.compensations === 1 ? "once" : `${live.compensations} times`}
        </div>
      )}
      {live.retry && <RetryCountdown retry={live.retry} />}
      {(live.handled ?? 0) > 0 && kind !== "service" && <div className="run-stat" data-testid="run-handled">✓ {plural(live.handled!, "handled", "handled")}</div>}
      {(live.failures ?? 0) > 0 && (
        <div className="run-stat is-bad" data-testid="run-failures" title={live.lastError}>✗ {plural(live.failures!, "failure")}</div>
      )}
      {(live.absorbed ?? 0) > 0 && (
        <div className="run-badge run-duplicate" data-testid="run-absorbed" data-count={live.absorbed}>
          ≡ {plural(live.absorbed!, "duplicate")} absorbed
        </div>
      )}
      {(live.calls ?? 0) > 0 && <div className="run-stat" data-testid="run-calls">{plural(live.calls!, "call")}</div>}
      {kind === "projection" && live.updates !== undefined && <ProjectionRows node={id} updates={live.updates} />}
    </>
  );
}

function FaultBadges({ node, kind, faults }: { node: string; kind: NodeOverlayProps["kind"]; faults: FaultViewData[] }) {
  const { store } = useRunLayer();
  const actions = useRunActions();
  const canInject = FAULTABLE.has(kind);
  if (!canInject && faults.length === 0) return null;
  return (
    <div className="run-faults">
      {faults.map((fault) => (
        <div className="run-fault" key={fault.key} data-testid="run-fault">
          <span>⚡ {fault.summary}</span>
          <button type="button" className="icon-button nodrag" aria-label={`Clear fault: ${fault.summary}`} onClick={() => void actions.clearFault(fault.key)}>×</button>
        </div>
      ))}
      {canInject && (
        <button
          type="button"
          className="run-fault-open nodrag"
          aria-label="Inject a fault here"
          onClick={() => {
            store.getState().openFaultMenu(node);
            store.getState().setTab("faults");
          }}
        >
          ⚡ Fault…
        </button>
      )}
    </div>
  );
}
