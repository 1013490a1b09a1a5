// Suite `studio-memory` (waiting for its code): with a 1,000,000-event run in the
// store, the studio server (next start) must stay under 500 MB RSS while it serves
// the replay view. Reports the value "studio-rss-mb": the server process's peak
// RSS read from /proc while a client loads and scrubs /flows/[id]/runs/[runId].

import { notBuiltYet } from "../harness/notBuiltYet";

export const studioMemorySuite = notBuiltYet({
  name: "studio-memory",
  title: "Studio server RSS serving the replay view of a 1,000,000-event run",
  targets: [{ kind: "value", value: "studio-rss-mb", atMost: 500, source: "issue #9" }],
  needs:
    "this suite: seed a 1,000,000-event run of a demo in a fresh database, serve it with the built studio (npm run build, then scripts/start.ts on a free port), drive the replay view's timeline queries and read the server's peak RSS (VmHWM); the replay view and the timeline router exist now",
});
