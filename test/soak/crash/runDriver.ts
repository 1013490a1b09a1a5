// The crash soaks' driver: a live run per teaching demo, traffic from its tour until stopped
// (acknowledged events and server errors recorded), and settling every run to check the file.
import { TRPCClientError } from "@trpc/client";
import type { SystemDefinition } from "../../../server/core/definitions";
import { compileFlow } from "../../../server/flow/compile";
import type { Demo } from "../../../server/flow/demos";
import type { Sandbox } from "../../../server/sandbox/sandbox";
import type { SqliteDatabase } from "../../../server/store";
import type { StudioClient } from "../support/studioProcess";
import { settledRunProblems, type Acknowledged } from "./invariants";
import { tourTraffic, type Action } from "./traffic";

export const SPEED = 16;

export interface DemoRun {
  demo: Demo;
  runId: string;
  definition: SystemDefinition;
  traffic: Action[];
}

/** Starts a live run of each demo, playing at ×16. */
export async function startDemoRuns(client: StudioClient, demos: readonly Demo[], sandbox: Sandbox): Promise<DemoRun[]> {
  const runs: DemoRun[] = [];
  for (const [i, demo] of demos.entries()) {
    const { run } = await client.runs.start.mutate({ flowId: `demo-${demo.key}`, mode: "live", seed: i + 1, speed: SPEED, play: true });
    runs.push({ demo, runId: run.id, definition: compileFlow(demo.flow, { snippets: sandbox }), traffic: tourTraffic(demo) });
  }
  return runs;
}

/** Plays every run again at ×16 (a reopened run starts paused at ×1). */
export async function playAll(client: StudioClient, runs: readonly DemoRun[]): Promise<void> {
  for (const run of runs) {
    await client.runs.setSpeed.mutate({ runId: run.runId, speed: SPEED });
    await client.runs.play.mutate({ runId: run.runId });
  }
}

/** A refusal the server answered (a 4xx is fine under faults; a 500 is a bug); undefined when the server was gone. */
function answered(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) throw error;
  const code = (error.data as { code?: string } | undefined)?.code;
  return code;
}

/** Sends the demo's tour, round after round, until stopped; records acknowledged events and server errors. */
export async function drive(client: StudioClient, run: DemoRun, life: number, stop: { stopped: boolean }, acks: Acknowledged[], serverErrors: string[]): Promise<void> {
  for (let round = 0; !stop.stopped; round++) {
    for (const action of run.traffic) {
      if (stop.stopped) return;
      try {
        const result = (await action(client, run.runId, `${life}.${round}`)) as { outcome?: { status: string; streamId?: string; events?: { type: string; streamVersion: number; position: number }[] } };
        const outcome = result?.outcome;
        if (outcome?.status === "accepted") for (const e of outcome.events!) acks.push({ runId: run.runId, streamId: outcome.streamId!, ...e });
      } catch (error) {
        const code = answered(error);
        if (code === undefined) return; // the connection died with the server
        if (code === "INTERNAL_SERVER_ERROR") serverErrors.push(`${run.demo.key}: ${(error as Error).message}`);
      }
    }
  }
}

export async function settleAndCheck(client: StudioClient, db: SqliteDatabase, runs: readonly DemoRun[]): Promise<string[]> {
  const problems: string[] = [];
  for (const run of runs) {
    await client.runs.pause.mutate({ runId: run.runId });
    const { settled } = await client.runs.settle.mutate({ runId: run.runId });
    if (!settled.idle) problems.push(`${run.demo.key}: did not settle (${settled.warning ?? "no warning"})`);
    for (const problem of await settledRunProblems(db, run.runId, run.definition)) problems.push(`${run.demo.key}: ${problem}`);
  }
  return problems;
}
