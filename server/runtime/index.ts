// Public surface of server/runtime: the engine, its clock helpers' companions,
// the Transport contract (for the Kafka transport) and result types.

export { createEngine, UnknownNameError, type ActiveFault, type Engine, type EngineOptions, type GroupInfo } from "./engine";
export { faultKey, INJECTED_ERROR, INJECTED_NON_RETRYABLE_ERROR, type FaultKind, type InjectedFault } from "./faults";
export type { DispatchMetadata, DispatchResult, LoadedAggregate, VersionConflict } from "./commands";
export type { RunOptions, RunResult, Worker } from "./scheduler";
export type { Delivery, Transport, TransportMessage, TransportSubscription } from "./transport";
export { busCheckpoint, createInProcessBus } from "./inProcessBus";
export { COMMANDS_TOPIC, REJECTIONS_TOPIC, serviceTopic, type Envelope } from "./envelope";
