// Demo 7 — AI agent event backbone: tasks fan out to one consumer group per agent type;
// results and failures come back as events; failures are retried once, then escalated;
// every action lands in the audit trail.
import { defineDemo } from "./define";

const SUBMITTED = "agents.task.submitted.v1";
const COMPLETED = "agents.task.completed.v1";
const FAILED = "agents.task.failed.v1";
const ESCALATED = "agents.task.escalated.v1";
const AUDIT = "agents.audit.trail.v1";
const RESEARCH_DONE = "agents.research.finished.v1";
const RESEARCH_CRASHED = "agents.research.crashed.v1";
const WRITER_DONE = "agents.writer.finished.v1";
const WRITER_CRASHED = "agents.writer.crashed.v1";

const retry = { maxRetries: 3, initialMs: 100, multiplier: 2, maxMs: 1000, jitter: 0.1 };
const taskFields = [{ name: "taskId", type: "string" }, { name: "prompt", type: "string" }] as const;

const agentConsumer = (group: string, agentType: string, target: string, command: string) => ({
  id: group,
  group,
  topics: [SUBMITTED],
  handler: [
    {
      do: "send" as const,
      when: `event.agentType == "${agentType}"`,
      target,
      command,
      key: "event.taskId",
      data: { taskId: "event.taskId", prompt: "event.prompt" },
    },
  ],
  retry,
});

const agentService = (id: string, name: string, command: string, done: string, crashed: string, result: string, failCalls: number[]) => ({
  id,
  name,
  kind: "agent" as const,
  streamPrefix: id,
  latencyMs: 200,
  operations: [
    { id: `${id}-run`, name: command, payload: [...taskFields], success: { event: done, data: { result } }, failure: { event: crashed }, failCalls },
  ],
});

export const aiAgentBackbone = defineDemo(
  "ai-agent-backbone",
  {
    schemaVersion: 1,
    name: "AI agent event backbone",
    description: "Agents never call each other: tasks are events. Each agent type is its own consumer group on agents.task.submitted.v1; results go to agents.task.completed.v1 and failures to agents.task.failed.v1, where a supervisor retries or escalates. An auditor writes every action to agents.audit.trail.v1.",
    aggregates: [
      {
        id: "task",
        name: "Task",
        streamPrefix: "task",
        initialState: { status: "none", agentType: "", prompt: "", attempt: 0, result: "" },
        commands: [
          {
            id: "task-submit",
            name: "SubmitTask",
            payload: [{ name: "agentType", type: "string" }, { name: "prompt", type: "string" }],
            guards: [{ rejectWhen: 'state.status != "none"', message: "The task was already submitted" }],
            emits: [{ event: SUBMITTED, data: { taskId: "aggregateId", attempt: "1" } }],
          },
          {
            id: "task-complete",
            name: "CompleteTask",
            payload: [{ name: "result", type: "string" }],
            guards: [{ rejectWhen: 'state.status != "running"', message: "Only a running task can complete" }],
            emits: [{ event: COMPLETED, data: { taskId: "aggregateId" } }],
          },
          {
            id: "task-fail",
            name: "FailTask",
            payload: [{ name: "reason", type: "string" }],
            guards: [{ rejectWhen: 'state.status != "running"', message: "Only a running task can fail" }],
            emits: [{ event: FAILED, data: { taskId: "aggregateId", attempt: "state.attempt" } }],
          },
          {
            id: "task-retry",
            name: "RetryTask",
            guards: [{ rejectWhen: 'state.status != "failed"', message: "Only a failed task can be retried" }],
            emits: [
              {
                event: SUBMITTED,
                data: { taskId: "aggregateId", agentType: "state.agentType", prompt: "state.prompt", attempt: "state.attempt + 1" },
              },
            ],
          },
          {
            id: "task-escalate",
            name: "EscalateTask",
            guards: [{ rejectWhen: 'state.status != "failed"', message: "Only a failed task can be escalated" }],
            emits: [{ event: ESCALATED, data: { taskId: "aggregateId", attempts: "state.attempt" } }],
          },
        ],
        events: [
          {
            id: "task-submitted",
            type: SUBMITTED,
            payload: [...taskFields, { name: "agentType", type: "string" }, { name: "attempt", type: "number" }],
            evolve: [{ op: "merge", value: '{"status": "running", "agentType": event.agentType, "prompt": event.prompt, "attempt": event.attempt}' }],
          },
          {
            id: "task-completed",
            type: COMPLETED,
            payload: [{ name: "taskId", type: "string" }, { name: "result", type: "string" }],
            evolve: [{ op: "merge", value: '{"status": "completed", "result": event.result}' }],
          },
          {
            id: "task-failed",
            type: FAILED,
            payload: [{ name: "taskId", type: "string" }, { name: "reason", type: "string" }, { name: "attempt", type: "number" }],
            evolve: [{ op: "set", path: "status", value: '"failed"' }],
          },
          {
            id: "task-escalated",
            type: ESCALATED,
            payload: [{ name: "taskId", type: "string" }, { name: "attempts", type: "number" }],
            evolve: [{ op: "set", path: "status", value: '"escalated"' }],
          },
        ],
      },
      {
        id: "audit",
        name: "AuditLog",
        streamPrefix: "audit",
        initialState: { entries: 0 },
        commands: [
          {
            id: "audit-record",
            name: "RecordAction",
            payload: [{ name: "taskId", type: "string" }, { name: "action", type: "string" }],
            emits: [{ event: AUDIT }],
          },
        ],
        events: [
          {
            id: "audit-trail",
            type: AUDIT,
            payload: [{ name: "taskId", type: "string" }, { name: "action", type: "string" }],
            evolve: [{ op: "increment", path: "entries", by: "1" }],
          },
        ],
      },
    ],
    services: [
      agentService("research-agent", "ResearchAgent", "Research", RESEARCH_DONE, RESEARCH_CRASHED, '"findings on " + call.prompt', []),
      agentService("writer-agent", "WriterAgent", "Write", WRITER_DONE, WRITER_CRASHED, '"a draft about " + call.prompt', [1, 2]),
    ],
    consumers: [
      agentConsumer("agent-research", "research", "ResearchAgent", "Research"),
      agentConsumer("agent-writer", "writer", "WriterAgent", "Write"),
      {
        id: "task-results",
        group: "task-results",
        topics: [RESEARCH_DONE, WRITER_DONE, RESEARCH_CRASHED, WRITER_CRASHED],
        handler: [
          { do: "send", when: 'meta.type.endsWith(".finished.v1")', target: "Task", command: "CompleteTask", key: "event.taskId", data: { result: "event.result" } },
          { do: "send", when: 'meta.type.endsWith(".crashed.v1")', target: "Task", command: "FailTask", key: "event.taskId", data: { reason: "event.reason" } },
        ],
        retry,
      },
      {
        id: "supervisor",
        group: "supervisor",
        topics: [FAILED],
        handler: [
          { do: "send", when: "event.attempt < 2", target: "Task", command: "RetryTask", key: "event.taskId" },
          { do: "send", when: "event.attempt >= 2", target: "Task", command: "EscalateTask", key: "event.taskId" },
          { do: "alert", when: "event.attempt >= 2", severity: "warning", message: "An agent task failed twice and was escalated to a person" },
        ],
        retry,
      },
      {
        id: "auditor",
        group: "auditor",
        topics: [SUBMITTED, COMPLETED, FAILED, ESCALATED],
        handler: [{ do: "send", target: "AuditLog", command: "RecordAction", key: "event.taskId", data: { taskId: "event.taskId", action: "meta.type" } }],
        retry,
      },
    ],
    projections: [
      {
        id: "audit-view",
        name: "audit_trail",
        handlers: [{ id: "audit-view-entry", event: AUDIT, key: "event.taskId", op: "increment", fields: { entries: "1" } }],
      },
    ],
    outboxes: [
      { id: "task-outbox", aggregate: "Task", batchSize: 100, pollIntervalMs: 0 },
      { id: "audit-outbox", aggregate: "AuditLog", batchSize: 100, pollIntervalMs: 0 },
    ],
    layout: {
      task: { x: 0, y: 0 },
      "agent-research": { x: 400, y: -160 },
      "agent-writer": { x: 400, y: 60 },
      "research-agent": { x: 920, y: -160 },
      "writer-agent": { x: 920, y: 60 },
      "task-results": { x: 1140, y: 280 },
      supervisor: { x: 400, y: 280 },
      auditor: { x: 0, y: 400 },
      audit: { x: 0, y: 560 },
      "audit-view": { x: 400, y: 560 },
      "task-outbox": { x: -340, y: 0 },
      "audit-outbox": { x: -340, y: 560 },
    },
  },
  {
    title: "An event backbone for AI agents",
    summary: "Submit a research task and a writing task; watch each reach only its agent type, the writer fail, be retried once and escalated, and every step land in the audit trail.",
    steps: [
      {
        id: "research",
        title: "A research task fans out to every agent group",
        narration: "agents.task.submitted.v1 reaches every agent group; only the research agents take it. Their result comes back and the task completes with agents.task.completed.v1.",
        highlight: ["task-submit", "agent-research", "agent-writer", "research-agent"],
        action: { kind: "command", aggregate: "Task", aggregateId: "t-1", command: "SubmitTask", data: { agentType: "research", prompt: "event sourcing" }, correlationId: "agents-research" },
        expect: [
          { kind: "state", aggregate: "Task", aggregateId: "t-1", path: "status", equals: "completed" },
          { kind: "state", aggregate: "Task", aggregateId: "t-1", path: "result", equals: "findings on event sourcing" },
          { kind: "events-include", correlationId: "agents-research", types: [SUBMITTED, RESEARCH_DONE, COMPLETED, AUDIT] },
          { kind: "deliveries", group: "agent-writer", topic: SUBMITTED, count: 1 },
          { kind: "row", table: "audit_trail", key: "t-1", field: "entries", equals: 2 },
        ],
      },
      {
        id: "writer-fails",
        title: "A writing task fails, is retried, then escalated",
        narration: "The writer agent is scripted to fail its first two runs. The failure lands in agents.task.failed.v1; the supervisor retries once, and on the second failure escalates the task and raises an alert.",
        highlight: ["writer-agent", "supervisor", "task-escalate"],
        action: { kind: "command", aggregate: "Task", aggregateId: "t-2", command: "SubmitTask", data: { agentType: "writer", prompt: "sagas" }, correlationId: "agents-writer" },
        expect: [
          { kind: "state", aggregate: "Task", aggregateId: "t-2", path: "status", equals: "escalated" },
          { kind: "state", aggregate: "Task", aggregateId: "t-2", path: "attempt", equals: 2 },
          { kind: "events-include", correlationId: "agents-writer", types: [SUBMITTED, WRITER_CRASHED, FAILED, ESCALATED, AUDIT] },
          { kind: "alerts", atLeast: 1 },
        ],
      },
      {
        id: "audit",
        title: "Every action is in the audit trail",
        narration: "Submitted, failed, submitted again, failed again, escalated: five entries in agents.audit.trail.v1 for the writing task.",
        highlight: ["auditor", "audit-view"],
        action: { kind: "observe" },
        expect: [{ kind: "row", table: "audit_trail", key: "t-2", field: "entries", equals: 5 }],
      },
    ],
  },
);
