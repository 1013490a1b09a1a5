// Typed errors a studio user can run into with runs, each with a plain sentence. The routers turn
// them into tRPC error codes (server/api/routers/runErrors.ts).

/** No run, flow or dead letter with that id. */
export class RunNotFoundError extends Error {
  override readonly name = "RunNotFoundError";
}

/** The request is not possible in the run's present state (play a fast run, step a playing one...). */
export class RunStateError extends Error {
  override readonly name = "RunStateError";
}

/** A bound was reached: open runs per process, commands per request or per run, work per request. */
export class RunLimitError extends Error {
  override readonly name = "RunLimitError";
}
