// Typed errors of the store. Each carries a plain sentence and the facts a caller
// needs to react (expected vs actual versions, ids). No I/O here.

import type { ExpectedVersion } from "./types";

/** Optimistic concurrency: the stream was not at the version the writer expected. */
export class WrongExpectedVersionError extends Error {
  override readonly name = "WrongExpectedVersionError";
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, but the append expected ${describeExpected(expected)}.`);
  }
}

/** Event ids that already exist were appended again with a different stream or shape. */
export class EventIdConflictError extends Error {
  override readonly name = "EventIdConflictError";
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`Event ${eventId} already exists and does not match this append to stream ${streamId}.`);
  }
}

/** A saga instance was saved by someone else since it was loaded. */
export class SagaVersionConflictError extends Error {
  override readonly name = "SagaVersionConflictError";
  constructor(
    readonly sagaName: string,
    readonly instanceId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Saga ${sagaName} instance ${instanceId} is at version ${actual}, but the save expected version ${expected}.`);
  }
}

/** A dead letter that does not exist or is no longer dead (already redriven or discarded). */
export class DeadLetterNotFoundError extends Error {
  override readonly name = "DeadLetterNotFoundError";
  constructor(readonly id: number) {
    super(`Dead letter ${id} does not exist or was already redriven or discarded.`);
  }
}

function describeExpected(expected: ExpectedVersion): string {
  switch (expected) {
    case "any":
      return "any version";
    case "no-stream":
      return "no stream";
    case "stream-exists":
      return "an existing stream";
    default:
      return `version ${expected}`;
  }
}
