// Turns a demo written as plain input objects into a parsed Flow and Tour (defaults filled in).
import { FlowSchema, type Flow, type FlowInput } from "../schema";
import { TourSchema, type Tour, type TourInput } from "../tour";

export interface Demo {
  /** Stable key, used to seed the demo once. */
  key: string;
  flow: Flow;
  tour: Tour;
}

export function defineDemo(key: string, flow: FlowInput, tour: TourInput): Demo {
  return { key, flow: FlowSchema.parse(flow), tour: TourSchema.parse(tour) };
}
