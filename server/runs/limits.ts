// The bounds of the studio's runs, in one place, so errors and the API can quote them.

/** Live engines one server process keeps open; the least recently used (paused first) is closed beyond it. */
export const MAX_OPEN_RUNS = 8;
/** Commands in one script request. */
export const MAX_SCRIPT_COMMANDS = 1_000;
/** Commands a person may dispatch in one run (its length). */
export const MAX_RUN_COMMANDS = 100_000;
/** Units of work one request may do to settle a run (fast mode, tour steps). */
export const MAX_SETTLE_STEPS = 500_000;
/** Characters of one command's data as JSON. */
export const MAX_COMMAND_DATA_CHARS = 64_000;
/** Trace entries per streamed batch. */
export const TRACE_BATCH = 500;
/** Dead letters one redrive or discard request may touch. */
export const MAX_DEAD_LETTERS_PER_REQUEST = 1_000;
/** Highest redrive rate a request may ask for (per second). */
export const MAX_REDRIVE_PER_SECOND = 100;
