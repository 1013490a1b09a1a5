// The cause behind a CONFLICT answer for a stale aggregate version: the error formatter sends its
// numbers as `data.conflict`, so a client retries from the actual version without parsing the sentence.
import { TRPCError } from "@trpc/server";
import type { VersionConflict } from "../runtime";

export class VersionConflictError extends Error {
  override readonly name = "VersionConflictError";
  constructor(
    message: string,
    readonly conflict: VersionConflict,
  ) {
    super(message);
  }
}

/** A CONFLICT error with the sentence and, as its cause, the conflict's stream and versions. */
export function versionConflict(message: string, conflict: VersionConflict): TRPCError {
  return new TRPCError({ code: "CONFLICT", message, cause: new VersionConflictError(message, conflict) });
}
