// Fuzzing the tRPC inputs of flows, timeline, trace, faults and health (see testing/apiFuzz.ts).
import { describeApiFuzz } from "./testing/apiFuzz";

describeApiFuzz("first");
