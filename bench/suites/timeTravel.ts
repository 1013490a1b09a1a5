// Suite `time-travel` (waiting for its code): jumping to a random position of a
// 1,000,000-event run must take at most 1% of the time of a full replay from zero.
// When it lands: contenders "jump" (state at a random position through the
// timeline API) and "replay" (fold every event from position 0), time basis.

import { notBuiltYet } from "../harness/notBuiltYet";

export const timeTravelSuite = notBuiltYet({
  name: "time-travel",
  title: "Time-travel jump to a random position in a 1,000,000-event run vs a full replay",
  targets: [{ kind: "ratio", comparison: "jump", of: "jump", vs: "replay", basis: "time", atMost: 0.01, source: "issue #9" }],
  needs: "the time-travel timeline in server/runtime (state of every aggregate, read model and saga at a position, built on snapshots/reversible diffs)",
});
