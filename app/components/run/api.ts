// The shapes the run routers return, as the browser sees them (inferred from the app router's
// types only: nothing of the server is bundled).
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>;
type In = inferRouterInputs<AppRouter>;

export type RunView = Out["runs"]["start"];
export type RunStateView = NonNullable<RunView["state"]>;
export type RunRecordView = RunView["run"];
export type CommandFormView = Out["commands"]["forms"][number];
export type DispatchResult = Out["commands"]["dispatch"];
export type DispatchOutcomeView = DispatchResult["outcome"];
export type CommandInputView = Omit<In["commands"]["dispatch"], "runId">;
export type FaultViewData = Out["faults"]["list"][number];
export type FaultInput = In["faults"]["inject"]["fault"];
export type TourViewData = NonNullable<Out["tours"]["get"]>;
export type TourStepOutcomeView = Out["tours"]["performStep"];
export type MetricsView = Out["metrics"]["snapshot"];
export type DeadLetterViewData = Out["deadLetters"]["list"]["letters"][number];
export type SagaInstanceData = Out["runs"]["sagas"]["instances"][number];
