// The Flow compiler: a validated Flow becomes the runtime's SystemDefinition. Pure; CEL runs
// natively, snippets through the injected evaluator. Everything is compiled once, up front.
import type { ServiceDefinition, SystemDefinition } from "../core/definitions";
import { buildCatalog } from "./catalog";
import { compileAggregate, compileUpcaster } from "./compileAggregate";
import { compileConsumer } from "./compileConsumer";
import { compileProjection, type KeyOfStream } from "./compileProjection";
import { compileChoreography, compileOrchestrated } from "./compileSaga";
import { compileMapping } from "./compileValues";
import type { Flow, Service } from "./schema";
import type { SnippetEvaluator } from "./snippets";
import { semanticProblems, type Problem } from "./validate";

export interface CompileOptions {
  /** Runs the flow's JavaScript snippets; required when the flow has any. */
  snippets?: SnippetEvaluator;
}

/** The flow cannot run; `problems` says why, as validation does. */
export class FlowCompileError extends Error {
  override readonly name = "FlowCompileError";
  constructor(readonly problems: Problem[]) {
    super(`The flow cannot run: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join("; ")}`);
  }
}

const DEFAULT_OUTBOX = { batchSize: 100, pollIntervalMs: 0 };

function compileService(service: Service): ServiceDefinition {
  return {
    name: service.name,
    streamPrefix: service.streamPrefix,
    operations: service.operations.map((operation) => {
      const mapped = compileMapping(operation.success.data, "reply");
      return {
        name: operation.name,
        latencyMs: service.latencyMs,
        failureRate: service.failureRate,
        failCalls: operation.failCalls,
        idempotent: service.idempotent,
        successEvent: operation.success.event,
        failureEvent: operation.failure.event,
        ...(Object.keys(operation.success.data).length === 0 ? {} : { reply: (call) => ({ ...call, ...mapped({ call }) }) }),
      };
    }),
  };
}

function snippetProblems(flow: Flow): Problem[] {
  const problems: Problem[] = [];
  const message = "this flow uses a snippet, but no sandbox was given to run it";
  flow.aggregates.forEach((aggregate, a) =>
    aggregate.commands.forEach((command, c) => {
      if (command.snippet !== undefined) problems.push({ path: `aggregates[${a}].commands[${c}].snippet`, message, elementId: command.id });
    }),
  );
  flow.consumers.forEach((consumer, c) =>
    consumer.handler.forEach((step, h) => {
      if (step.do === "snippet") problems.push({ path: `consumers[${c}].handler[${h}]`, message, elementId: consumer.id });
    }),
  );
  return problems;
}

/** Prefix of the stream each event type is written to, to read aggregate ids and call keys back. */
function streamKeys(flow: Flow): KeyOfStream {
  const prefixes = new Map<string, string>();
  for (const aggregate of flow.aggregates) for (const event of aggregate.events) prefixes.set(event.type, aggregate.streamPrefix);
  for (const service of flow.services) {
    for (const operation of service.operations) {
      prefixes.set(operation.success.event, service.streamPrefix);
      prefixes.set(operation.failure.event, service.streamPrefix);
    }
  }
  return (type, streamId) => {
    const prefix = `${prefixes.get(type) ?? ""}-`;
    return streamId.startsWith(prefix) ? streamId.slice(prefix.length) : streamId;
  };
}

export function compileFlow(flow: Flow, options: CompileOptions = {}): SystemDefinition {
  const problems = [...semanticProblems(flow), ...(options.snippets ? [] : snippetProblems(flow))];
  if (problems.length > 0) throw new FlowCompileError(problems);
  const catalog = buildCatalog(flow);
  const choreographies = flow.sagas.flatMap((saga) => (saga.kind === "choreography" ? [compileChoreography(saga, catalog)] : []));
  const [outbox] = flow.outboxes;
  const keyOfStream = streamKeys(flow);
  return {
    aggregates: flow.aggregates.map((aggregate) => compileAggregate(aggregate, options.snippets)),
    upcasters: flow.upcasters.map(compileUpcaster),
    projections: flow.projections.map((projection) => compileProjection(projection, keyOfStream)),
    services: flow.services.map(compileService),
    sagas: flow.sagas.flatMap((saga) => (saga.kind === "orchestrated" ? [compileOrchestrated(saga, catalog)] : [])),
    reactions: choreographies.flatMap((compiled) => compiled.reactions),
    consumers: [...flow.consumers.map((consumer) => compileConsumer(consumer, catalog, options.snippets)), ...choreographies.flatMap((compiled) => compiled.consumers)],
    outbox: outbox ? { batchSize: outbox.batchSize, pollIntervalMs: outbox.pollIntervalMs } : DEFAULT_OUTBOX,
  };
}
