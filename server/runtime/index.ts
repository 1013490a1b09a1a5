// Public surface of server/runtime: the engine, its clock helpers' companions,
// the Transport contract (for the Kafka transport) and result types.

export { createEngine, UnknownNameError, type Engine, type EngineOptions } from "./engine";
export type { DispatchMetadata, DispatchResult, LoadedAggregate } from "./commands";
export type { RunOptions, RunResult, Worker } from "./scheduler";
export type { Delivery, Transport, TransportMessage, TransportSubscription } from "./transport";
export { createInProcessBus } from "./inProcessBus";
export { COMMANDS_TOPIC, REJECTIONS_TOPIC, serviceTopic, type Envelope } from "./envelope";
