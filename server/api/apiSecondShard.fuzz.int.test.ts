// Fuzzing the tRPC inputs of the other routers, and a sample over real HTTP (see testing/apiFuzz.ts).
import { describeApiFuzz } from "./testing/apiFuzz";

describeApiFuzz("second");
