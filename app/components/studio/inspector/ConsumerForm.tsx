"use client";
// Inspector form of a consumer group: topics, handler steps (send, fail, alert, JavaScript snippet),
// retry policy, dead-lettering and idempotency.
import type { ConsumerStep, RetryPolicy } from "@/server/flow/schema";
import { eventTypes } from "../edits/elements";
import { defaultSend } from "../kinds/sends";
import { CodeField } from "./CodeField";
import { CheckField, ListEditor, NumberField, SelectField, TextField, WordsField } from "./fields";
import { SendFields } from "./SendFields";
import { useLocated } from "./useLocated";

const STEP_KINDS = [
  { value: "send", label: "Send a command or call" },
  { value: "fail", label: "Fail with an error" },
  { value: "alert", label: "Raise an alert" },
  { value: "snippet", label: "Run JavaScript" },
] as const;

const SNIPPET = `// Handle the message: read event and meta; throw to fail (error.name decides retry or dead letter).
// Return [{ target, command, key, data }] to send commands, or nothing.
return [];
`;

export function ConsumerForm({ id }: { id: string }) {
  const { flow, found, update } = useLocated(id, "consumer");
  if (!found) return null;
  const consumer = found.element;
  const types = eventTypes(flow);
  const optional = (text: string) => (text.trim() === "" ? undefined : text);
  const newStep = (kind: ConsumerStep["do"]): ConsumerStep => {
    switch (kind) {
      case "send": return { do: "send", ...defaultSend(flow), key: "meta.key", data: {} };
      case "fail": return { do: "fail", error: "HandlerFailed", message: "The handler failed." };
      case "alert": return { do: "alert", severity: "warning", message: "Look at this message." };
      case "snippet": return { do: "snippet", code: SNIPPET };
      default: {
        const unknown: never = kind;
        throw new Error(`unknown step ${String(unknown)}`);
      }
    }
  };
  const setStep = (index: number, step: ConsumerStep, field?: string) => update((f) => { f.element.handler[index] = step; }, field && `step${index}.${field}`);
  const setRetry = (patch: Partial<RetryPolicy>, field: string) => update((f) => { Object.assign(f.element.retry, patch); }, `retry.${field}`);

  return (
    <>
      <TextField label="Consumer group" hint="Lower case, e.g. mailer." value={consumer.group} mono onChange={(group) => update((f) => { f.element.group = group; }, "group")} />
      <ListEditor
        title="Topics (event types it reads)"
        items={consumer.topics}
        itemLabel={(t) => `topic ${t}`}
        addLabel="Add topic"
        onAdd={types.length ? () => update((f) => { f.element.topics.push(types.find((t) => !f.element.topics.includes(t)) ?? types[0]!); }) : undefined}
        onRemove={(index) => update((f) => { f.element.topics.splice(index, 1); })}
        render={(topic, index) => <SelectField label="Event type" value={topic} options={types} onChange={(t) => update((f) => { f.element.topics[index] = t; })} />}
      />
      <ListEditor
        title="Handler steps"
        items={consumer.handler}
        itemLabel={(s, i) => `step ${i + 1} (${s.do})`}
        addLabel="Add step"
        onAdd={() => update((f) => { f.element.handler.push(newStep("alert")); })}
        onRemove={(index) => update((f) => { f.element.handler.splice(index, 1); })}
        render={(step, index) => (
          <>
            <SelectField label="Step" value={step.do} options={STEP_KINDS} onChange={(kind) => setStep(index, newStep(kind as ConsumerStep["do"]))} />
            {step.do === "send" && (
              <SendFields flow={flow} value={step} keyHint="Over event and meta, e.g. meta.key." onChange={(patch, field) => setStep(index, { ...step, ...patch }, field)} />
            )}
            {step.do === "fail" && (
              <div className="pair">
                <TextField label="Error name" value={step.error} mono onChange={(error) => setStep(index, { ...step, error }, "error")} />
                <TextField label="Message" value={step.message} onChange={(message) => setStep(index, { ...step, message }, "message")} />
              </div>
            )}
            {step.do === "alert" && (
              <div className="pair">
                <SelectField label="Severity" value={step.severity} options={["info", "warning", "critical"]} onChange={(severity) => setStep(index, { ...step, severity: severity as "info" })} />
                <TextField label="Message" value={step.message} onChange={(message) => setStep(index, { ...step, message }, "message")} />
              </div>
            )}
            {step.do !== "snippet" && (
              <TextField label="Only when (CEL, optional)" value={step.when ?? ""} mono onChange={(when) => setStep(index, { ...step, when: optional(when) }, "when")} />
            )}
            {step.do === "snippet" && <CodeField label={`Handler snippet, step ${index + 1}`} value={step.code} onChange={(code) => setStep(index, { ...step, code }, "code")} />}
          </>
        )}
      />
      <fieldset className="list-editor">
        <legend>Retry policy</legend>
        <div className="pair">
          <NumberField label="Max retries" value={consumer.retry.maxRetries} min={0} max={100} onChange={(maxRetries) => setRetry({ maxRetries }, "max")} />
          <NumberField label="First backoff (ms)" value={consumer.retry.initialMs} min={0} onChange={(initialMs) => setRetry({ initialMs }, "initial")} />
        </div>
        <div className="pair">
          <NumberField label="Multiplier" value={consumer.retry.multiplier} min={1} step={0.5} onChange={(multiplier) => setRetry({ multiplier }, "multiplier")} />
          <NumberField label="Longest backoff (ms)" value={consumer.retry.maxMs} min={0} onChange={(maxMs) => setRetry({ maxMs }, "maxMs")} />
        </div>
        <NumberField label="Jitter (0–1)" value={consumer.retry.jitter} min={0} max={1} step={0.1} onChange={(jitter) => setRetry({ jitter }, "jitter")} />
        <WordsField label="Non-retryable errors" hint="Error names sent straight to the dead-letter queue, e.g. InvalidAddress." value={consumer.retry.nonRetryable}
          onCommit={(nonRetryable) => setRetry({ nonRetryable }, "nonRetryable")} />
      </fieldset>
      <CheckField label="Dead-letter queue" hint="Off: messages that exhaust their retries are dropped with an alert." checked={consumer.deadLetter}
        onChange={(deadLetter) => update((f) => { f.element.deadLetter = deadLetter; })} />
      <CheckField label="Idempotent" hint="A message this group already processed is skipped." checked={consumer.idempotent}
        onChange={(idempotent) => update((f) => { f.element.idempotent = idempotent; })} />
    </>
  );
}
