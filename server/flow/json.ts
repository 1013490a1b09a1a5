// JSON value types of the Flow model: the same as the runtime contract's.
export type { Json, JsonObject } from "../core/definitions";
