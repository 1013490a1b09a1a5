// The live state each canvas node shows during a run, folded from the trace entries in order:
// dead letters waiting in a queue, the outbox's pending rows, each saga instance's current step,
// retries with their attempt and due time, duplicates absorbed, projection updates, rejections.
// Pure and incremental: `apply` folds one entry, `takeChanges` hands over the nodes that changed
// since the last call (new objects, so narrow selectors re-render only those nodes).
import type { Topology } from "./topology";

/** The fields of a streamed trace entry this layer reads (the server's TraceEntryView has them). */
export interface HopEntry {
  seq: number;
  /** Clock time of the run (ms). */
  at: number;
  kind: string;
  fromNode: string | null;
  toNode: string | null;
  messageId: string | null;
  summary: string;
  detail: Record<string, unknown> | null;
  hop: { from: string | null; to: string | null; edge: string | null; reverse: boolean } | null;
}

export type SagaInstanceStatus = "running" | "compensating" | "completed" | "compensated" | "needs-attention";

export interface SagaLine {
  instanceId: string;
  /** Name of the step it is at (or last ran). */
  step: string | null;
  status: SagaInstanceStatus;
}

export interface NodeLive {
  /** Dead-letter queues: letters waiting. */
  deadLetters?: number;
  /** Outbox: rows written, not yet relayed (count and the newest few message types). */
  pending?: { count: number; newest: string[] };
  /** Sagas: the newest instances with their step, and how many are in each status. */
  sagas?: { lines: SagaLine[]; byStatus: Partial<Record<SagaInstanceStatus, number>> };
  /** Saga steps: instances at this step now; compensations of this step done. */
  atStep?: number;
  compensations?: number;
  /** Consumers: the latest retry scheduled (next attempt, when it is due in clock ms). */
  retry?: { attempt: number; maxAttempts: number | null; dueAt: number; messageId: string | null };
  failures?: number;
  lastError?: string;
  absorbed?: number;
  handled?: number;
  /** Projections: updates applied (a change makes the node's table refresh). */
  updates?: number;
  /** Aggregates and commands: the latest rejection (serial grows so a repeat still flashes). */
  rejection?: { message: string; serial: number };
  /** Services: calls received. */
  calls?: number;
}

const SAGA_LINES = 4;
const OUTBOX_NEWEST = 3;
const TERMINAL: ReadonlySet<SagaInstanceStatus> = new Set(["completed", "compensated"]);

interface SagaTrack {
  instances: Map<string, SagaLine & { stepNode: string | null }>;
  byStatus: Partial<Record<SagaInstanceStatus, number>>;
}

export interface LiveModel {
  apply(entry: HopEntry): void;
  /** Nodes whose live state changed since the last call, with their new state. */
  takeChanges(): Map<string, NodeLive>;
  /** Newest clock time seen in the trace. */
  readonly clock: number;
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

export function createLiveModel(topology: Topology): LiveModel {
  const live = new Map<string, NodeLive>();
  const dirty = new Set<string>();
  const sagas = new Map<string, SagaTrack>();
  /** Outbox rows not yet relayed, by message id, oldest first. */
  const pending = new Map<string, string>();
  let rejections = 0;
  let clock = 0;

  const node = (id: string): NodeLive => {
    dirty.add(id);
    let found = live.get(id);
    if (!found) live.set(id, (found = {}));
    return found;
  };
  const bump = (id: string | null | undefined, key: "deadLetters" | "failures" | "absorbed" | "handled" | "updates" | "calls" | "compensations", by = 1) => {
    if (!id || !topology.nodes.has(id)) return;
    const n = node(id);
    n[key] = Math.max(0, (n[key] ?? 0) + by);
  };

  function outboxWrite(messageId: string | null, label: string) {
    if (!topology.outbox || !messageId) return;
    pending.delete(messageId);
    pending.set(messageId, label);
    outboxChanged();
  }
  function outboxRelay(messageId: string | null) {
    if (!topology.outbox || !messageId || !pending.delete(messageId)) return;
    outboxChanged();
  }
  function outboxChanged() {
    const newest: string[] = [];
    for (const label of [...pending.values()].slice(-OUTBOX_NEWEST).reverse()) newest.push(label);
    node(topology.outbox!).pending = { count: pending.size, newest };
  }

  function sagaTrack(sagaNode: string): SagaTrack {
    let track = sagas.get(sagaNode);
    if (!track) sagas.set(sagaNode, (track = { instances: new Map(), byStatus: {} }));
    return track;
  }

  /** Moves an instance to a step and/or status; keeps step counts and the saga node's lines current. */
  function sagaMove(sagaNode: string | undefined, instanceId: string | undefined, change: { stepNode?: string | null; status?: SagaInstanceStatus }) {
    if (!sagaNode || !instanceId || !topology.nodes.has(sagaNode)) return;
    const track = sagaTrack(sagaNode);
    let instance = track.instances.get(instanceId);
    if (!instance) {
      instance = { instanceId, step: null, stepNode: null, status: "running" };
      track.byStatus.running = (track.byStatus.running ?? 0) + 1;
    }
    track.instances.delete(instanceId);
    track.instances.set(instanceId, instance);
    if (change.stepNode !== undefined && change.stepNode !== instance.stepNode) {
      if (instance.stepNode && !TERMINAL.has(instance.status)) node(instance.stepNode).atStep = Math.max(0, (node(instance.stepNode).atStep ?? 1) - 1);
      instance.stepNode = change.stepNode;
      instance.step = change.stepNode ? (topology.nodes.get(change.stepNode)?.name ?? null) : null;
      if (change.stepNode) node(change.stepNode).atStep = (live.get(change.stepNode)?.atStep ?? 0) + 1;
    }
    if (change.status && change.status !== instance.status) {
      track.byStatus[instance.status] = Math.max(0, (track.byStatus[instance.status] ?? 1) - 1);
      track.byStatus[change.status] = (track.byStatus[change.status] ?? 0) + 1;
      if (TERMINAL.has(change.status) && instance.stepNode) node(instance.stepNode).atStep = Math.max(0, (live.get(instance.stepNode)?.atStep ?? 1) - 1);
      instance.status = change.status;
    }
    // Finished instances are forgotten beyond the newest few: a long run keeps a bounded map.
    if (track.instances.size > SAGA_LINES * 4) {
      for (const [id, old] of track.instances) {
        if (track.instances.size <= SAGA_LINES * 4) break;
        if (TERMINAL.has(old.status)) track.instances.delete(id);
      }
    }
    const lines = [...track.instances.values()].slice(-SAGA_LINES).reverse().map(({ instanceId: id, step, status }) => ({ instanceId: id, step, status }));
    node(sagaNode).sagas = { lines, byStatus: { ...track.byStatus } };
  }

  function apply(entry: HopEntry): void {
    if (entry.at > clock) clock = entry.at;
    const hop = entry.hop;
    const from = hop?.from ?? null;
    const to = hop?.to ?? null;
    const detail = entry.detail ?? {};
    const instanceId = text(detail.instanceId);
    const sagaOf = (id: string | null) => (id ? (topology.nodes.get(id)?.kind === "saga" ? id : topology.nodes.get(id)?.sagaNode) : undefined);

    switch (entry.kind) {
      case "append":
        outboxWrite(entry.messageId, entry.toNode ?? "event");
        break;
      case "command-sent":
        outboxWrite(entry.messageId, `${entry.toNode ?? "?"}.${text(detail.command) ?? "command"}`);
        break;
      case "service-call":
        outboxWrite(entry.messageId, `${entry.toNode ?? "?"}.${text(detail.operation) ?? "call"}`);
        break;
      case "outbox-publish":
        outboxRelay(entry.messageId);
        break;
      case "delivery":
        if (to && topology.nodes.get(to)?.kind === "service" && from === to) bump(to, "calls");
        break;
      case "retry-scheduled": {
        outboxWrite(entry.messageId, `retry ${entry.toNode ?? ""}`.trim());
        if (!from || !topology.nodes.has(from)) break;
        const attempt = num(detail.attempt) ?? 1;
        node(from).retry = { attempt: attempt + 1, maxAttempts: topology.nodes.get(from)?.maxAttempts ?? null, dueAt: entry.at + (num(detail.delayMs) ?? 0), messageId: entry.messageId };
        break;
      }
      case "handler-failure":
        bump(from, "failures");
        if (from && topology.nodes.has(from)) node(from).lastError = entry.summary;
        break;
      case "handler-success":
        bump(from, "handled");
        clearRetry(from, entry.messageId);
        break;
      case "dead-lettered":
        outboxWrite(entry.messageId, `dead letter ${entry.toNode ?? ""}`.trim());
        bump(to, "deadLetters");
        clearRetry(from, entry.messageId);
        break;
      case "redriven":
        outboxWrite(entry.messageId, `redrive ${entry.toNode ?? ""}`.trim());
        bump(from, "deadLetters", -1);
        break;
      case "discarded":
        bump(from, "deadLetters", -1);
        break;
      case "duplicate-absorbed":
        bump(from, "absorbed");
        break;
      case "projection-updated":
        bump(to, "updates");
        break;
      case "command-rejected": {
        // A rejection that answers a saga goes back through the outbox.
        const reply = text(detail.replyMessageId);
        if (reply) outboxWrite(reply, `rejection → ${entry.fromNode ?? "sender"}`);
        const message = entry.summary;
        rejections++;
        for (const id of [from, to]) if (id && topology.nodes.has(id)) node(id).rejection = { message, serial: rejections };
        break;
      }
      case "saga-started":
        sagaMove(sagaOf(from), instanceId, {});
        break;
      case "saga-step-started":
        sagaMove(sagaOf(from), instanceId, { stepNode: from, status: "running" });
        break;
      case "compensation-started":
        sagaMove(sagaOf(from), instanceId, { stepNode: from, status: "compensating" });
        break;
      case "compensation-done":
        bump(from, "compensations");
        break;
      case "compensation-failed":
        sagaMove(sagaOf(from), instanceId, { stepNode: from, status: "needs-attention" });
        break;
      case "saga-completed":
        sagaMove(sagaOf(from), instanceId, { status: "completed" });
        break;
      case "saga-compensated":
        sagaMove(sagaOf(from), instanceId, { status: "compensated" });
        break;
      default:
        break;
    }
  }

  function clearRetry(nodeId: string | null, messageId: string | null) {
    if (!nodeId) return;
    const retry = live.get(nodeId)?.retry;
    if (retry && retry.messageId === messageId) node(nodeId).retry = undefined;
  }

  return {
    apply,
    takeChanges() {
      const changes = new Map<string, NodeLive>();
      for (const id of dirty) changes.set(id, { ...live.get(id)! });
      dirty.clear();
      return changes;
    },
    get clock() {
      return clock;
    },
  };
}
