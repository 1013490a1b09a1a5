// Suite `live-run` (waiting for its code): while the orchestrated saga demo runs at
// 1,000 messages/s, the studio page must keep 0.8 of its idle frame rate in
// headless Chromium. Contenders "live" (the run animating) and "idle" (the same
// page, no run), unit "frames", rate basis.

import { notBuiltYet } from "../harness/notBuiltYet";

export const liveRunSuite = notBuiltYet({
  name: "live-run",
  title: "Live-run frame rate at 1,000 msgs/s in the orchestrated saga demo vs the idle page",
  targets: [{ kind: "ratio", comparison: "live-run", of: "live", vs: "idle", basis: "rate", atLeast: 0.8, source: "issue #9" }],
  needs: "live runs in server/runtime streamed to the canvas (trace subscription + token animation), the orchestrated saga demo, and Chromium at /usr/bin/chromium",
});
