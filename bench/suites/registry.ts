// Every bench suite, in the order `npm run bench` runs them. A new suite is one
// file in bench/suites/ exporting a Suite, listed here (see bench/README.md).

import type { Suite } from "../harness/types";
import { appendSuite } from "./append";
import { canvasSuite } from "./canvas";
import { commandSuite } from "./command";
import { kafkaRelaySuite } from "./kafkaRelay";
import { liveRunSuite } from "./liveRun";
import { projectionRebuildSuite } from "./projectionRebuild";
import { readAllSuite } from "./readAll";
import { readFoldSuite } from "./readFold";
import { scrubSuite } from "./scrub";
import { studioMemorySuite } from "./studioMemory";
import { timeTravelSuite } from "./timeTravel";

export const SUITES: readonly Suite[] = [
  appendSuite,
  readFoldSuite,
  readAllSuite,
  commandSuite,
  projectionRebuildSuite,
  timeTravelSuite,
  scrubSuite,
  kafkaRelaySuite,
  canvasSuite,
  liveRunSuite,
  studioMemorySuite,
];

export function findSuite(name: string): Suite | undefined {
  return SUITES.find((suite) => suite.name === name);
}
