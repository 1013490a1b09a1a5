// The Flow schema: one zod model that the canvas edits and the runtime executes.
export * from "./common";
export * from "./action";
export * from "./aggregate";
export * from "./send";
export * from "./projection";
export * from "./service";
export * from "./saga";
export * from "./consumer";
export * from "./flow";
