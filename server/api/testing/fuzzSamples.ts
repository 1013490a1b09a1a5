// Valid inputs of every tRPC procedure, from which the fuzz tests derive well-typed-but-wrong
// ones. A procedure without samples fails the fuzz suite: add its samples here.
import { demos } from "../../flow/demos";
import { exportFlow } from "../../flow/exchange";

export interface FuzzFixture {
  /** A teaching demo (read-only): the bank account. */
  demoId: string;
  /** A flow of the user's, at version 1. */
  userFlowId: string;
  /** A fast run of the bank demo with account acc-1 open. */
  runId: string;
  /** A fast run of the outbox demo, its tour played up to two dead letters. */
  deadLetterRunId: string;
  /** The id of the command that opened acc-1 in `runId`. */
  messageId: string;
}

const bank = demos[0]!.flow;
const deposit = { aggregate: "Account", aggregateId: "acc-1", command: "Deposit", data: { amount: 5 } };

export const fuzzSamples: Record<string, (fixture: FuzzFixture) => unknown[]> = {
  "flows.list": () => [undefined],
  "flows.get": (f) => [{ id: f.demoId }, { id: f.userFlowId }],
  "flows.create": () => [{ name: "Checkout" }],
  "flows.update": (f) => [{ id: f.userFlowId, version: 1, document: bank }, { id: f.userFlowId, version: 1, document: { schemaVersion: 1, name: "Draft" } }],
  "flows.rename": (f) => [{ id: f.userFlowId, version: 1, name: "Renamed" }],
  "flows.delete": (f) => [{ id: f.userFlowId }, { id: f.demoId }],
  "flows.duplicate": (f) => [{ id: f.demoId }, { id: f.demoId, name: "My copy" }],
  "flows.import": () => [{ content: exportFlow(bank) }],
  "flows.export": (f) => [{ id: f.demoId }],
  "health.heartbeat": () => [undefined],

  "runs.start": (f) => [{ flowId: f.demoId, mode: "fast", seed: 7 }, { flowId: f.demoId, mode: "live", speed: 2, play: false }],
  "runs.list": (f) => [{ flowId: f.demoId, limit: 5 }],
  "runs.get": (f) => [{ runId: f.runId }],
  "runs.current": (f) => [{ flowId: f.demoId }, { flowId: f.userFlowId }],
  "runs.play": (f) => [{ runId: f.runId }],
  "runs.pause": (f) => [{ runId: f.runId }],
  "runs.step": (f) => [{ runId: f.runId, count: 3 }],
  "runs.settle": (f) => [{ runId: f.runId }],
  "runs.setSpeed": (f) => [{ runId: f.runId, speed: 4 }],
  "runs.reset": (f) => [{ runId: f.runId, seed: 3 }],
  "runs.finish": (f) => [{ runId: f.runId }],
  "runs.readModels": (f) => [{ runId: f.runId }],
  "runs.rows": (f) => [{ runId: f.runId, projection: "account_balances", limit: 10 }],
  "runs.sagas": (f) => [{ runId: f.runId, status: "running", limit: 10 }],
  "runs.alerts": (f) => [{ runId: f.runId, afterId: 0, limit: 10 }],

  "commands.forms": (f) => [{ runId: f.runId }],
  "commands.dispatch": (f) => [{ runId: f.runId, ...deposit }, { runId: f.runId, ...deposit, expectedVersion: 2, retryOnConflict: false }],
  "commands.script": (f) => [{ runId: f.runId, commands: [deposit, { ...deposit, command: "Withdraw", data: { amount: 1 } }] }],
  "commands.history": (f) => [{ runId: f.runId, afterSeq: 0, limit: 10 }],

  "trace.stream": (f) => [{ runId: f.runId, afterSeq: 0 }],
  "trace.page": (f) => [{ runId: f.runId, afterSeq: 0, limit: 50 }],

  "faults.list": (f) => [{ runId: f.runId }],
  "faults.inject": (f) => [
    { runId: f.runId, fault: { kind: "handler-error", group: "account_balances", count: 1, retryable: true } },
    { runId: f.deadLetterRunId, fault: { kind: "slow-consumer", group: "warehouse", delayMs: 100 } },
    { runId: f.deadLetterRunId, fault: { kind: "relay-paused" } },
  ],
  "faults.clear": (f) => [{ runId: f.deadLetterRunId, key: "relay-paused" }],

  "deadLetters.list": (f) => [{ runId: f.deadLetterRunId, status: "all", limit: 10 }],
  "deadLetters.preview": (f) => [{ runId: f.deadLetterRunId, selection: { group: "warehouse" }, perSecond: 50 }],
  "deadLetters.redrive": (f) => [{ runId: f.deadLetterRunId, id: 1 }],
  "deadLetters.redriveMany": (f) => [{ runId: f.deadLetterRunId, selection: { ids: [1, 2] }, perSecond: 100 }],
  "deadLetters.redriveStatus": (f) => [{ runId: f.deadLetterRunId }],
  "deadLetters.cancelRedrive": (f) => [{ runId: f.deadLetterRunId }],
  "deadLetters.discard": (f) => [{ runId: f.deadLetterRunId, ids: [2] }],

  "metrics.snapshot": (f) => [{ runId: f.runId }],

  "tours.get": (f) => [{ runId: f.deadLetterRunId }],
  "tours.performStep": (f) => [{ runId: f.deadLetterRunId, stepId: "healthy" }],
  "tours.restartAt": (f) => [{ runId: f.deadLetterRunId, stepId: "poison" }],

  "timeline.open": (f) => [{ runId: f.runId }],
  "timeline.stateAt": (f) => [{ runId: f.runId, index: 0, parts: ["aggregates", "readModels"] }, { runId: f.deadLetterRunId, index: 2, hop: 1 }],
  "timeline.diffAt": (f) => [{ runId: f.runId, index: 0 }],
  "timeline.diffs": (f) => [{ runId: f.deadLetterRunId, from: 0, count: 3 }],
  "timeline.diffBetween": (f) => [{ runId: f.deadLetterRunId, from: 0, to: 2 }],
  "timeline.events": (f) => [{ runId: f.runId, filter: { aggregate: "Account", types: ["bank.account.opened.v1"] }, limit: 10 }, { runId: f.deadLetterRunId, cursor: null, fromIndex: 1 }],
  "timeline.hopsAt": (f) => [{ runId: f.runId, index: 0, limit: 10 }],
  "timeline.causalChain": (f) => [{ runId: f.runId, messageId: f.messageId }],
  "timeline.commands": (f) => [{ runId: f.runId, afterSeq: 0, limit: 10 }],
  "timeline.fork": (f) => [
    { runId: f.runId, at: 0, changes: [{ kind: "insert", command: deposit }] },
    { runId: f.deadLetterRunId, at: 1, changes: [{ kind: "skip", seq: 2 }, { kind: "fault", fault: { kind: "relay-paused" } }] },
  ],
  "timeline.compare": (f) => [{ runId: f.runId, otherRunId: f.deadLetterRunId }],
};
