"use client";
// What-if: fork the run at the current position with one change — a later command changed or left
// out, a command added, or a fault injected — then the fork is re-executed from the run's commands
// (same flow and seed) and run to idle in fast mode, and the page opens it beside its parent.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import type { Flow } from "@/server/flow/schema";
import { useTRPC } from "../../lib/trpc";
import type { RecordedCommand, TimelineEvent } from "./types";

type ChangeKind = "replace" | "insert" | "skip" | "fault";
type FaultKind = "service-fail-next" | "handler-error" | "duplicate-delivery" | "relay-paused";

export interface ForkDialogProps {
  runId: string;
  flowId: string;
  flow: Flow;
  position: number;
  event: TimelineEvent | null;
  onClose(): void;
}

function parseData(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text || "{}");
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("The command's data must be a JSON object, e.g. {\"amount\": 120}.");
  return value as Record<string, unknown>;
}

/** The command after the position, as a first guess (the server checks): the one after the command that caused the event there, or the first dispatched later. */
function firstAfter(commands: readonly RecordedCommand[], event: TimelineEvent | null): RecordedCommand | undefined {
  if (!event) return commands[0];
  const cause = commands.findIndex((command) => command.messageId === event.causationId);
  return cause >= 0 ? commands[cause + 1] : commands.find((command) => command.at > event.recordedAt);
}

export function ForkDialog({ runId, flowId, flow, position, event, onClose }: ForkDialogProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const commands = useQuery(trpc.timeline.commands.queryOptions({ runId, limit: 1000 }));
  const suggested = useMemo(() => firstAfter(commands.data ?? [], event), [commands.data, event]);
  const [kind, setKind] = useState<ChangeKind>("replace");
  const [seq, setSeq] = useState<number | null>(null);
  const chosenSeq = seq ?? suggested?.seq ?? null;
  const chosen = commands.data?.find((command) => command.seq === chosenSeq);

  const commandChoices = useMemo(() => flow.aggregates.flatMap((a) => a.commands.map((c) => ({ aggregate: a.name, command: c.name, fields: c.payload.map((p) => p.name) }))), [flow]);
  const [commandKey, setCommandKey] = useState<string | null>(null);
  const [aggregateId, setAggregateId] = useState<string | null>(null);
  const [data, setData] = useState<string | null>(null);
  const base = kind === "replace" && chosen ? { aggregate: chosen.command.aggregate, command: chosen.command.type, aggregateId: chosen.command.aggregateId, data: JSON.stringify(chosen.command.data) } : null;
  const key = commandKey ?? (base ? `${base.aggregate}.${base.command}` : commandChoices[0] ? `${commandChoices[0].aggregate}.${commandChoices[0].command}` : "");
  const picked = commandChoices.find((c) => `${c.aggregate}.${c.command}` === key);
  const idText = aggregateId ?? base?.aggregateId ?? "";
  const dataText = data ?? base?.data ?? (picked ? JSON.stringify(Object.fromEntries(picked.fields.map((f) => [f, ""]))) : "{}");

  const operations = useMemo(() => flow.services.flatMap((s) => s.operations.map((o) => ({ service: s.name, operation: o.name }))), [flow]);
  const groups = useMemo(() => flow.consumers.map((c) => c.group), [flow]);
  const [faultKind, setFaultKind] = useState<FaultKind>(operations.length > 0 ? "service-fail-next" : groups.length > 0 ? "handler-error" : "relay-paused");
  const [operation, setOperation] = useState(operations[0] ? `${operations[0].service}.${operations[0].operation}` : "");
  const [group, setGroup] = useState(groups[0] ?? "");
  const [count, setCount] = useState(1);
  const [retryable, setRetryable] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const fork = useMutation(trpc.timeline.fork.mutationOptions({
    onSuccess: (result) => router.push(`/flows/${encodeURIComponent(flowId)}/runs/${encodeURIComponent(result.run.id)}?compare=${encodeURIComponent(runId)}`),
  }));

  const change = () => {
    const command = () => {
      if (!picked) throw new Error("Choose a command.");
      if (!idText.trim()) throw new Error("Give the aggregate id.");
      return { aggregate: picked.aggregate, command: picked.command, aggregateId: idText.trim(), data: parseData(dataText) as Record<string, never> };
    };
    switch (kind) {
      case "replace":
        if (!chosen) throw new Error("Choose the command to change.");
        return { kind, seq: chosen.seq, command: command() };
      case "skip":
        if (!chosen) throw new Error("Choose the command to leave out.");
        return { kind, seq: chosen.seq };
      case "insert":
        return { kind, command: command() };
      case "fault": {
        const [service, op] = operation.split(".");
        switch (faultKind) {
          case "service-fail-next":
            return { kind, fault: { kind: faultKind, service: service!, operation: op!, count } };
          case "handler-error":
            return { kind, fault: { kind: faultKind, group, count, retryable } };
          case "duplicate-delivery":
            return { kind, fault: { kind: faultKind, group, count } };
          case "relay-paused":
            return { kind, fault: { kind: faultKind } };
          default: {
            const unknown: never = faultKind;
            throw new Error(`Unknown fault ${String(unknown)}`);
          }
        }
      }
      default: {
        const unknown: never = kind;
        throw new Error(`Unknown change ${String(unknown)}`);
      }
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      fork.mutate({ runId, at: position, changes: [change()] });
    } catch (failure) {
      setProblem((failure as Error).message);
    }
  };

  const needsCommand = kind === "replace" || kind === "skip";
  const editsCommand = kind === "replace" || kind === "insert";
  return (
    <div className="dialog-backdrop" role="presentation" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <form className="dialog fork-dialog" role="dialog" aria-modal="true" aria-labelledby="fork-title" onSubmit={submit} onKeyDown={(e) => e.key === "Escape" && onClose()}>
        <h2 id="fork-title">What if…?</h2>
        <p className="muted small">
          Fork this run {position === 0 ? "before its first event" : <>right after event #{position} <span className="mono">{event?.type}</span></>}: the fork replays the same commands with the same seed up to
          here, applies your change, plays the rest of the run&apos;s commands and runs to the end in fast mode. Then both outcomes show side by side.
        </p>
        <fieldset className="change-kinds">
          <legend>Change</legend>
          {([
            ["replace", "Change a later command"],
            ["insert", "Add a command here"],
            ["skip", "Leave out a later command"],
            ["fault", "Inject a fault here"],
          ] as const).map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="change" value={value} checked={kind === value} onChange={() => setKind(value)} /> {label}
            </label>
          ))}
        </fieldset>

        {needsCommand && (
          <label className="field-row">
            <span>Command of the run</span>
            <select aria-label="Command of the run" value={chosenSeq ?? ""} onChange={(e) => { setSeq(Number(e.target.value)); setCommandKey(null); setAggregateId(null); setData(null); }}>
              {(commands.data ?? []).map((c) => (
                <option key={c.seq} value={c.seq}>
                  {c.seq}. {c.command.type} {c.command.aggregateId} {JSON.stringify(c.command.data)}{c.status === "rejected" ? " (rejected)" : ""}
                </option>
              ))}
            </select>
          </label>
        )}
        {editsCommand && (
          <>
            <label className="field-row">
              <span>Command</span>
              <select aria-label="Command" value={key} onChange={(e) => { setCommandKey(e.target.value); setData(null); }}>
                {commandChoices.map((c) => <option key={`${c.aggregate}.${c.command}`} value={`${c.aggregate}.${c.command}`}>{c.aggregate} · {c.command}</option>)}
              </select>
            </label>
            <label className="field-row">
              <span>Aggregate id</span>
              <input aria-label="Aggregate id" value={idText} onChange={(e) => setAggregateId(e.target.value)} />
            </label>
            <label className="field-row">
              <span>Data (JSON)</span>
              <textarea aria-label="Command data" className="mono" rows={3} value={dataText} onChange={(e) => setData(e.target.value)} />
            </label>
          </>
        )}
        {kind === "fault" && (
          <>
            <label className="field-row">
              <span>Kind of fault</span>
              <select aria-label="Kind of fault" value={faultKind} onChange={(e) => setFaultKind(e.target.value as FaultKind)}>
                {operations.length > 0 && <option value="service-fail-next">A service call fails</option>}
                {groups.length > 0 && <option value="handler-error">A consumer&apos;s handler throws</option>}
                {groups.length > 0 && <option value="duplicate-delivery">A consumer gets duplicates</option>}
                <option value="relay-paused">The outbox relay stops</option>
              </select>
            </label>
            {faultKind === "service-fail-next" && (
              <label className="field-row">
                <span>Operation</span>
                <select aria-label="Operation" value={operation} onChange={(e) => setOperation(e.target.value)}>
                  {operations.map((o) => <option key={`${o.service}.${o.operation}`} value={`${o.service}.${o.operation}`}>{o.service} · {o.operation}</option>)}
                </select>
              </label>
            )}
            {(faultKind === "handler-error" || faultKind === "duplicate-delivery") && (
              <label className="field-row">
                <span>Consumer group</span>
                <select aria-label="Consumer group" value={group} onChange={(e) => setGroup(e.target.value)}>
                  {groups.map((g) => <option key={g} value={g}>{g}</option>)}
                </select>
              </label>
            )}
            {faultKind !== "relay-paused" && (
              <label className="field-row">
                <span>How many times</span>
                <input aria-label="How many times" type="number" min={1} max={1000} value={count} onChange={(e) => setCount(Math.max(1, Number(e.target.value) || 1))} />
              </label>
            )}
            {faultKind === "handler-error" && (
              <label className="checkbox-row">
                <input type="checkbox" checked={retryable} onChange={(e) => setRetryable(e.target.checked)} /> retryable (otherwise dead-lettered at once)
              </label>
            )}
          </>
        )}
        {(problem ?? fork.error?.message) && <p role="alert" className="error small">{problem ?? fork.error?.message}</p>}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={fork.isPending || commands.isPending}>{fork.isPending ? "Forking…" : "Fork and run"}</button>
        </div>
      </form>
    </div>
  );
}
