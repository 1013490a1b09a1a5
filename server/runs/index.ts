// Public surface of server/runs: opening a Flow run as an engine (openRun, for the studio and for
// worker processes), the process's run host, and the views the studio's routers return.
export { openRun, type OpenedRun, type OpenRunOptions, type RunMode } from "./openRun";
export { checkSpeed, MAX_SPEED, MIN_SPEED, type RunClock } from "./runClock";
export { closeSharedDatabase, sharedDatabase, sharedSandbox } from "./shared";
export { interventionsOf, performIntervention, recordingInterventions, type Intervention, type TimedIntervention } from "./interventions";
export { timelineDefinitionKey, type KeyframeBuilder } from "./keyframeBuilder";
export { replaceRunsHost, runsHost, type RunsHost, type RunsHostOptions, type StartRunInput } from "./host";
export type { CommandInput, DispatchOutcome, LiveRun, RunState, RunStatus, Settled } from "./liveRun";
export type { RunRecord } from "./records";
export { currentRun, describeRun, listRuns, type CurrentRunView, type RunView } from "./runViews";
export type { RecordedCommand } from "../store";
export { commandForms, type CommandForm } from "./commandForms";
export { readTracePage, streamTrace, type TraceBatch, type TraceEntryView } from "./traceStream";
export { faultViews, type FaultView } from "./faultsView";
export { alerts, readModelRows, readModels, sagaInstances, type ReadModelSummary, type SagaInstanceView } from "./panels";
export { discard, listDeadLetters, previewRedrive, redriveOne, selectDeadLetters, type DeadLetterSelection, type DeadLetterView, type RedrivePreview } from "./deadLetters";
export type { RedriveJob } from "./redriveJobs";
export { metricsOf, type GroupMetrics, type MetricsSnapshot } from "./metrics";
export { performTourStep, restartTourAt, tourOf, type TourStepOutcome, type TourView } from "./tourSteps";
export { RunLimitError, RunNotFoundError, RunStateError } from "./errors";
export * from "./limits";
