// The replay view's data shapes, inferred from the timeline router (the API's types only).
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Timeline = inferRouterOutputs<AppRouter>["timeline"];

export type OpenedRun = Timeline["open"];
export type StateAt = Timeline["stateAt"];
export type World = StateAt["world"];
export type TimelineEvent = NonNullable<StateAt["event"]>;
export type DiffAt = Timeline["diffAt"];
export type WorldDiff = DiffAt["diff"];
export type WorldRecord = WorldDiff["added"][string];
export type Hop = Timeline["hopsAt"][number];
export type EventsPage = Timeline["events"];
export type CausalChain = NonNullable<Timeline["causalChain"]>;
export type ChainLink = CausalChain["message"];
export type RecordedCommand = Timeline["commands"][number];
export type Comparison = Timeline["compare"];
export type ForkResult = Timeline["fork"];

/** The panels of the world the view can show; a closed panel's part is not fetched. */
export const WORLD_PARTS = ["aggregates", "readModels", "sagas", "queues"] as const;
export type WorldPart = (typeof WORLD_PARTS)[number];
