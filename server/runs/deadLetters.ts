// The dead-letter panel of a run: letters with their provenance (original topic, group, attempts,
// every error, first and last failure), a preview of what a redrive will do (which messages, to
// which topic and group, how long at the rate limit, what may make them fail again), redrive of
// one or many (paced, see redriveJobs.ts) and discard.
import { HEADER } from "../core/messageHeaders";
import type { JsonObject } from "../core/definitions";
import { traceMapping } from "../flow/traceMapping";
import type { DeadLetter, DeadLetterError, DeadLetterStatus } from "../store";
import { RunLimitError } from "./errors";
import { MAX_DEAD_LETTERS_PER_REQUEST } from "./limits";
import type { LiveRun } from "./liveRun";

export interface DeadLetterView {
  id: number;
  messageId: string;
  status: DeadLetterStatus;
  /** Message type (event type, "command", "service.call"...). */
  type: string;
  originalTopic: string;
  group: string;
  /** Canvas node of the group (null when the canvas does not show it). */
  node: string | null;
  key: string;
  attempts: number;
  errors: DeadLetterError[];
  firstFailureAt: number;
  lastFailureAt: number;
  resolvedAt: number | null;
  correlationId: string | null;
  causationId: string | null;
  /** The message's data. */
  data: JsonObject;
}

/** Which dead letters (still dead) a request is about: by id, or every one of a group and/or topic. */
export interface DeadLetterSelection {
  ids?: number[];
  group?: string;
  topic?: string;
}

export interface RedrivePreview {
  /** Letters selected, oldest first. */
  letters: { id: number; messageId: string; type: string; topic: string; group: string; attempts: number; lastError: string | null }[];
  /** Where they go: each back to its original topic, for its group only. */
  targets: { topic: string; group: string; node: string | null; count: number }[];
  perSecond: number;
  /** Wall time the redrive takes at that rate. */
  estimatedSeconds: number;
  /** What may make them fail again or wait, in words. */
  notes: string[];
  /** Ids asked for that are not dead letters (any more). */
  missing: number[];
}

function dataOf(payload: string): JsonObject {
  try {
    return (JSON.parse(payload) as { data?: JsonObject }).data ?? {};
  } catch {
    return {};
  }
}

function viewOf(letter: DeadLetter, node: (group: string) => string | undefined): DeadLetterView {
  return {
    id: letter.id,
    messageId: letter.messageId,
    status: letter.status,
    type: letter.headers[HEADER.type] ?? "message",
    originalTopic: letter.originalTopic,
    group: letter.group,
    node: node(letter.group) ?? null,
    key: letter.key,
    attempts: letter.attempts,
    errors: letter.errors,
    firstFailureAt: letter.firstFailureAt,
    lastFailureAt: letter.lastFailureAt,
    resolvedAt: letter.resolvedAt,
    correlationId: letter.headers[HEADER.correlationId] ?? null,
    causationId: letter.headers[HEADER.causationId] ?? null,
    data: dataOf(letter.payload),
  };
}

const nodeOf = (run: LiveRun) => {
  const mapping = traceMapping(run.flow);
  return (group: string) => mapping.node(group);
};

export function listDeadLetters(run: LiveRun, options: { status: DeadLetterStatus | "all"; afterId: number; limit: number }): { letters: DeadLetterView[]; dead: number; nextAfterId: number | null } {
  const node = nodeOf(run);
  const letters = run.engine.store.deadLetters.list(options).map((letter) => viewOf(letter, node));
  return { letters, dead: run.engine.store.deadLetters.countDead(), nextAfterId: letters.length === options.limit ? letters.at(-1)!.id : null };
}

/** The dead letters a selection names, oldest first, and the ids that are not dead. */
export function selectDeadLetters(run: LiveRun, selection: DeadLetterSelection): { letters: DeadLetter[]; missing: number[] } {
  const store = run.engine.store.deadLetters;
  if (selection.ids) {
    if (selection.ids.length > MAX_DEAD_LETTERS_PER_REQUEST) throw new RunLimitError(`One request handles at most ${MAX_DEAD_LETTERS_PER_REQUEST} dead letters.`);
    const found = [...new Set(selection.ids)].map((id) => ({ id, letter: store.get(id) }));
    return {
      letters: found.flatMap(({ letter }) => (letter?.status === "dead" ? [letter] : [])).sort((a, b) => a.id - b.id),
      missing: found.filter(({ letter }) => letter?.status !== "dead").map(({ id }) => id),
    };
  }
  const letters: DeadLetter[] = [];
  let afterId = 0;
  for (;;) {
    const page = store.list({ status: "dead", afterId, limit: 500 });
    for (const letter of page) {
      if ((selection.group === undefined || letter.group === selection.group) && (selection.topic === undefined || letter.originalTopic === selection.topic)) letters.push(letter);
    }
    if (letters.length > MAX_DEAD_LETTERS_PER_REQUEST) throw new RunLimitError(`More than ${MAX_DEAD_LETTERS_PER_REQUEST} dead letters match; narrow the selection by group or topic, or pick ids.`);
    if (page.length < 500) return { letters, missing: [] };
    afterId = page.at(-1)!.id;
  }
}

export function previewRedrive(run: LiveRun, selection: DeadLetterSelection, perSecond: number): RedrivePreview {
  const { letters, missing } = selectDeadLetters(run, selection);
  const node = nodeOf(run);
  const targets = new Map<string, RedrivePreview["targets"][number]>();
  for (const letter of letters) {
    const key = `${letter.originalTopic}\u0000${letter.group}`;
    const target = targets.get(key) ?? { topic: letter.originalTopic, group: letter.group, node: node(letter.group) ?? null, count: 0 };
    target.count++;
    targets.set(key, target);
  }
  const faults = run.faults();
  const notes: string[] = [];
  for (const { group } of targets.values()) {
    const troubles = faults.filter(({ fault }) => "group" in fault && fault.group === group).map(({ fault }) => fault.kind);
    if (troubles.length > 0) notes.push(`Group ${group} has injected faults (${troubles.join(", ")}): redriven messages may fail or wait again.`);
  }
  if (faults.some(({ fault }) => fault.kind === "relay-paused")) notes.push("The outbox relay is paused: redriven messages wait in the outbox until it is cleared.");
  if (run.mode === "live" && !run.state().playing) notes.push("The run is paused: redriven messages are delivered once it plays or steps.");
  if (letters.length > 0) notes.push("Nothing about the messages changes: if the cause of the failure is not fixed, they fail and are dead-lettered again.");
  return {
    letters: letters.map((letter) => ({
      id: letter.id,
      messageId: letter.messageId,
      type: letter.headers[HEADER.type] ?? "message",
      topic: letter.originalTopic,
      group: letter.group,
      attempts: letter.attempts,
      lastError: letter.errors.at(-1)?.message ?? null,
    })),
    targets: [...targets.values()],
    perSecond,
    estimatedSeconds: letters.length <= 1 ? 0 : Math.ceil((letters.length - 1) / perSecond),
    notes,
    missing,
  };
}

export async function redriveOne(run: LiveRun, id: number): Promise<DeadLetterView> {
  const letter = await run.exclusively(async () => run.engine.redrive(id));
  return viewOf(letter, nodeOf(run));
}

export async function discard(run: LiveRun, ids: number[]): Promise<{ discarded: DeadLetterView[]; missing: number[] }> {
  const { letters, missing } = selectDeadLetters(run, { ids });
  const node = nodeOf(run);
  const discarded = await run.exclusively(async () => letters.map((letter) => viewOf(run.engine.discard(letter.id), node)));
  return { discarded, missing };
}
