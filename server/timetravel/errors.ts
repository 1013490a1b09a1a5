// Errors a user of the replay view can meet, each with a plain sentence.

/** An event index outside 0..length of the run's timeline. */
export class TimelineIndexError extends Error {
  override readonly name = "TimelineIndexError";
  constructor(index: number, length: number) {
    super(
      Number.isInteger(index)
        ? `Event ${index} is outside this run's timeline, which goes from 0 (before the first event) to ${length}.`
        : `The event index must be a whole number; got ${index}.`,
    );
  }
}

/** A page cursor that this timeline did not hand out. */
export class TimelineCursorError extends Error {
  override readonly name = "TimelineCursorError";
  constructor(cursor: string) {
    super(`The page cursor "${cursor}" is not one this timeline gave; start the search again without a cursor.`);
  }
}
