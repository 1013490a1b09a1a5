// Suite `canvas` (waiting for its code; the canvas engineer replaces this file):
// panning and zooming a 300-node flow must keep 0.8 of the frame rate of an empty
// canvas, in headless Chromium (/usr/bin/chromium). Contenders "flow-300" and
// "empty", unit "frames", rate basis.

import { notBuiltYet } from "../harness/notBuiltYet";

export const canvasSuite = notBuiltYet({
  name: "canvas",
  title: "Canvas pan/zoom frame rate: a 300-node flow vs an empty canvas, headless Chromium",
  targets: [{ kind: "ratio", comparison: "pan-zoom", of: "flow-300", vs: "empty", basis: "rate", atLeast: 0.8, source: "issue #9" }],
  needs: "the studio canvas (app/, React Flow) and a bench/suites/canvas.ts driving it in headless Chromium (/usr/bin/chromium)",
});
