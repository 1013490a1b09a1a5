// Child process of the durability test: runs the command script on a SQLite
// file in fast mode, dispatching `cmd-0`... again from the start after every
// restart (handled ids come back as duplicates), with background work in
// between. Prints "ready" once the engine is up, "work <n>" after every 50
// commands handled for the first time, and "done" when the run is quiescent.
// Usage: tsx durabilityChild.ts <db file> <run id> <seed> <command count>

import { createRunStore, openDatabase } from "../../store";
import { createEngine } from "../engine";
import { durabilitySystem, scriptCommand } from "./durability";

const [file, runId, seed, count] = process.argv.slice(2);
const engine = createEngine({ definition: durabilitySystem(), store: createRunStore(openDatabase(file!), runId!), seed: Number(seed) });
process.stdout.write("ready\n");

let handled = 0;
for (let i = 0; i < Number(count); i++) {
  const result = await engine.dispatch(scriptCommand(i), { messageId: `cmd-${i}` });
  if (result.status !== "duplicate" && ++handled % 50 === 0) process.stdout.write(`work ${handled}\n`);
  if (i % 20 === 19) await engine.runUntilIdle({ until: engine.clock.now() + 50 });
}
await engine.runUntilIdle();
process.stdout.write("done\n");
