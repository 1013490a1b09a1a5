"use client";
// The command console: pick a command, fill the form generated from its payload fields, dispatch
// it to the open run (a paused live run starts if none is open), optionally at an expected stream
// version. An acceptance lists the events; a rejection (a guard) or a concurrency conflict (a stale
// expected version) reads as a clear message and the aggregate flashes on the canvas. A script (the form repeated, or JSON) runs a batch at once: in a fast run
// each command settles before the next.
import { useMemo, useState, type FormEvent } from "react";
import { useStudio } from "../studio/studioContext";
import type { DispatchOutcomeView } from "./api";
import { consoleCommands, parseFields, parseScript, repeatCommand, type ConsoleCommand, type FieldValues, type ScriptCommand } from "./commandForm";
import { useRun, useRunLayer } from "./runContext";
import { useRunActions } from "./useRunActions";

const MAX_REPEAT = 1_000;

export function CommandConsole() {
  const flow = useStudio((s) => s.flow);
  const commands = useMemo(() => consoleCommands(flow), [flow]);
  const [key, setKey] = useState(commands[0]?.key ?? "");
  const chosen = commands.find((command) => command.key === key) ?? commands[0];
  if (!chosen) return <p className="muted small">This flow has no commands yet: add one to an aggregate to dispatch it here.</p>;
  return (
    <div className="run-console">
      <label className="field">
        <span className="field-label">Command</span>
        <select aria-label="Command" value={chosen.key} onChange={(event) => setKey(event.target.value)}>
          {commands.map((command) => (
            <option key={command.key} value={command.key}>{command.aggregate} · {command.command}</option>
          ))}
        </select>
      </label>
      <CommandForm key={chosen.key} command={chosen} />
    </div>
  );
}

function CommandForm({ command }: { command: ConsoleCommand }) {
  const actions = useRunActions();
  const { store } = useRunLayer();
  const busy = useRun((s) => s.busy);
  const [aggregateId, setAggregateId] = useState("");
  const [values, setValues] = useState<FieldValues>({});
  const [correlationId, setCorrelationId] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [expectedVersion, setExpectedVersion] = useState("");
  const [retryOnConflict, setRetryOnConflict] = useState(false);
  const [outcome, setOutcome] = useState<DispatchOutcomeView | { status: "conflict"; message: string } | null>(null);
  const [repeat, setRepeat] = useState("10");

  function build(): ScriptCommand | null {
    const parsed = parseFields(command.fields, values);
    const problems = { ...parsed.errors };
    if (aggregateId.trim() === "") problems.aggregateId = "Give the aggregate id.";
    setErrors(problems);
    if (Object.keys(problems).length > 0) return null;
    return { aggregate: command.aggregate, aggregateId: aggregateId.trim(), command: command.command, data: parsed.data };
  }

  async function dispatch(event: FormEvent) {
    event.preventDefault();
    const built = build();
    if (!built) return;
    const version = expectedVersion.trim();
    if (version !== "" && !/^\d+$/.test(version)) {
      setErrors({ expectedVersion: "The expected version is a whole number (0 for a new stream)." });
      return;
    }
    const result = await actions.dispatch({
      ...built,
      ...(correlationId.trim() ? { correlationId: correlationId.trim() } : {}),
      ...(version === "" ? {} : { expectedVersion: Number(version), retryOnConflict }),
    });
    if (!result) return;
    if ("conflict" in result) {
      setOutcome({ status: "conflict", message: result.conflict });
      store.getState().flash([command.aggregateNode, command.commandNode], result.conflict);
    } else setOutcome(result.outcome);
  }

  async function runRepeated() {
    const built = build();
    const times = Number(repeat);
    if (!built || !Number.isInteger(times) || times < 1 || times > MAX_REPEAT) {
      if (built) setErrors({ repeat: `Repeat between 1 and ${MAX_REPEAT.toLocaleString("en")} times.` });
      return;
    }
    await actions.ensureRun();
    await actions.script(repeatCommand(built, times));
  }

  const field = (name: string) => errors[name] && <span className="field-error" role="alert">{errors[name]}</span>;

  return (
    <form className="run-console-form" onSubmit={dispatch} aria-label={`${command.aggregate} ${command.command}`}>
      <label className="field">
        <span className="field-label">{command.aggregate} id <span className="muted">(stream {command.streamPrefix}-…)</span></span>
        <input aria-label="Aggregate id" value={aggregateId} onChange={(event) => setAggregateId(event.target.value)} placeholder="e.g. 1" aria-invalid={Boolean(errors.aggregateId)} />
        {field("aggregateId")}
      </label>
      {command.fields.map((f) =>
        f.type === "boolean" ? (
          <label className="field field-check" key={f.name}>
            <input type="checkbox" aria-label={f.name} checked={values[f.name] === true} onChange={(event) => setValues({ ...values, [f.name]: event.target.checked })} />
            <span className="field-label">{f.name}</span>
          </label>
        ) : (
          <label className="field" key={f.name}>
            <span className="field-label">
              {f.name} <span className="muted">({f.type}{f.required ? "" : ", optional"})</span>
            </span>
            <input
              aria-label={f.name}
              inputMode={f.type === "number" ? "decimal" : undefined}
              placeholder={f.type === "list" ? "[ ]" : f.type === "map" ? "{ }" : undefined}
              value={typeof values[f.name] === "string" ? (values[f.name] as string) : ""}
              onChange={(event) => setValues({ ...values, [f.name]: event.target.value })}
              aria-invalid={Boolean(errors[f.name])}
            />
            {field(f.name)}
          </label>
        ),
      )}
      <label className="field">
        <span className="field-label">Correlation id <span className="muted">(optional)</span></span>
        <input aria-label="Correlation id" value={correlationId} onChange={(event) => setCorrelationId(event.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Expected version <span className="muted">(optional)</span></span>
        <input aria-label="Expected version" inputMode="numeric" value={expectedVersion} onChange={(event) => setExpectedVersion(event.target.value)} aria-invalid={Boolean(errors.expectedVersion)} />
        {field("expectedVersion")}
      </label>
      <label className="field field-check">
        <input type="checkbox" checked={retryOnConflict} disabled={expectedVersion.trim() === ""} onChange={(event) => setRetryOnConflict(event.target.checked)} />
        <span className="field-label">Retry on conflict</span>
      </label>
      {command.guards.length > 0 && (
        <p className="field-hint">May be refused: {command.guards.map((guard) => `“${guard}”`).join(", ")}</p>
      )}
      <div className="run-console-actions">
        <button type="submit" disabled={busy}>Dispatch</button>
        <span className="run-repeat">
          or
          <input aria-label="Repeat count" className="run-repeat-count" value={repeat} onChange={(event) => setRepeat(event.target.value)} inputMode="numeric" />
          <button type="button" className="secondary small" disabled={busy} onClick={() => void runRepeated()}>times as a script</button>
        </span>
      </div>
      {field("repeat")}
      {outcome && <Outcome outcome={outcome} />}
      <ScriptBox />
    </form>
  );
}

function Outcome({ outcome }: { outcome: DispatchOutcomeView | { status: "conflict"; message: string } }) {
  switch (outcome.status) {
    case "conflict":
      return (
        <p className="run-outcome is-bad" role="alert" data-testid="dispatch-outcome" data-status="conflict">
          ✖ Conflict: {outcome.message}
        </p>
      );
    case "accepted":
      return (
        <p className="run-outcome is-ok" role="status" data-testid="dispatch-outcome" data-status="accepted">
          ✓ Accepted: {outcome.events.map((event) => `${event.type} (v${event.streamVersion})`).join(", ") || "no events"}
        </p>
      );
    case "rejected":
      return (
        <p className="run-outcome is-bad" role="alert" data-testid="dispatch-outcome" data-status="rejected">
          ✖ Rejected: {outcome.message}
        </p>
      );
    case "duplicate":
      return (
        <p className="run-outcome" role="status" data-testid="dispatch-outcome" data-status="duplicate">
          Already handled: this command id was seen before, so nothing changed.
        </p>
      );
    default: {
      const unknown: never = outcome;
      throw new Error(`Unknown outcome ${JSON.stringify(unknown)}.`);
    }
  }
}

function ScriptBox() {
  const actions = useRunActions();
  const busy = useRun((s) => s.busy);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);

  async function run() {
    const parsed = parseScript(text);
    if (typeof parsed === "string") {
      setError(parsed);
      return;
    }
    setError(null);
    await actions.ensureRun();
    const result = await actions.script(parsed);
    if (!result) return;
    const count = (status: string) => result.outcomes.filter((o) => o.status === status).length;
    setSummary(
      `${result.outcomes.length.toLocaleString("en")} command(s): ${count("accepted")} accepted, ${count("rejected")} rejected, ${count("duplicate")} duplicate` +
        (result.settled ? ` · settled after ${result.settled.steps.toLocaleString("en")} units of work` : ""),
    );
  }

  return (
    <details className="run-script">
      <summary>Script (JSON)</summary>
      <textarea
        aria-label="Script"
        rows={4}
        value={text}
        placeholder='[{"aggregate": "Order", "aggregateId": "o-1", "command": "PlaceOrder", "data": {}}]'
        onChange={(event) => setText(event.target.value)}
      />
      {error && <p className="field-error" role="alert">{error}</p>}
      <button type="button" className="secondary small" disabled={busy || text.trim() === ""} onClick={() => void run()}>Run script</button>
      {summary && <p className="run-outcome" role="status" data-testid="script-outcome">{summary}</p>}
    </details>
  );
}
