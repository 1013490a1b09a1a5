// What-if: fork a run at an event index. The fork is a new run (Run row with parentRunId and
// forkedAt) of the parent's flow document and seed, in fast mode, RE-EXECUTED from the parent's
// recorded commands and interventions (faults injected or cleared, tour faults, redrives, discards):
// each at its recorded clock time, with the work due before it done first, up to the position
// (stepping one unit at a time until the fork's log holds that many events); then the changes apply
// (a fault injected, a command inserted, a later command replaced or skipped) and the rest of the
// parent's commands and interventions run, then everything to idle. Writes only the fork's own rows.
import type { PrismaClient } from "../../db/generated/client";
import type { Command } from "../../core/definitions";
import type { InjectedFault } from "../../runtime";
import { findRunRecord, type RunRecord } from "../../runs/records";
import { interventionsOf, MAX_SETTLE_STEPS, openRun, performIntervention, recordingInterventions, sharedDatabase, type RunsHost, type TimedIntervention } from "../../runs";
import { createCommandLog, createRunStore, type RecordedCommand } from "../../store";
import { TimelineIndexError } from "../../timetravel";
import type { OpenTimeline } from "./timelineRuns";

export interface ForkCommand {
  command: Command;
  correlationId?: string;
}

export type ForkChange =
  /** A fault injected at the position. */
  | { kind: "fault"; fault: InjectedFault }
  /** A new command dispatched at the position. */
  | { kind: "insert"; command: ForkCommand }
  /** A later command of the parent (by its seq) dispatched as this one instead. */
  | { kind: "replace"; seq: number; command: ForkCommand }
  /** A later command of the parent left out. */
  | { kind: "skip"; seq: number };

export interface ForkResult {
  run: RunRecord;
  /** Events in the fork when the changes applied (the position, or just past it when a command's events could not be split). */
  cutAt: number;
  /** Events in the fork at the end. */
  length: number;
  /** Parent commands replayed before the position, and dispatched after it. */
  replayed: number;
  continued: number;
  /** Set when some work did not settle within the bound, in words. */
  warnings: string[];
}

/** A fork that cannot be made as asked, in a plain sentence. */
export class ForkError extends Error {
  override readonly name = "ForkError";
}

const COMMAND_PAGE = 1_000;
const EVENT_PAGE = 500;

function listCommands(runId: string): RecordedCommand[] {
  const log = createCommandLog(sharedDatabase(), runId);
  const all: RecordedCommand[] = [];
  for (let page = log.list(0, COMMAND_PAGE); page.length > 0; page = log.list(page.at(-1)!.seq, COMMAND_PAGE)) all.push(...page);
  return all;
}

/** The ids of the messages that caused events 1..at, and the clock time of event `at`. */
async function causesUpTo(source: OpenTimeline, at: number): Promise<{ causes: Set<string>; time: number }> {
  const causes = new Set<string>();
  let time = Number.NEGATIVE_INFINITY;
  let fromIndex = 0;
  while (fromIndex < at) {
    const page = await source.timeline.eventsPage({ fromIndex, limit: Math.min(EVENT_PAGE, at - fromIndex) });
    if (page.items.length === 0) break;
    for (const event of page.items) {
      causes.add(event.causationId);
      time = event.recordedAt;
    }
    fromIndex = page.items.at(-1)!.index;
  }
  return { causes, time };
}

/**
 * The parent's commands before event `at`: the longest prefix of its commands each of which caused
 * an event at or before `at`, or (rejected, duplicate) was dispatched no later than that event.
 */
export async function commandsBefore(source: OpenTimeline, commands: readonly RecordedCommand[], at: number): Promise<{ kept: number; time: number }> {
  if (at === 0) return { kept: 0, time: Number.NEGATIVE_INFINITY };
  const { causes, time } = await causesUpTo(source, at);
  let kept = 0;
  for (const command of commands) {
    const before = causes.has(command.messageId) || (command.status !== "accepted" && command.at <= time);
    if (!before) break;
    kept++;
  }
  return { kept, time };
}

function planRest(rest: readonly RecordedCommand[], changes: readonly ForkChange[]): { atCut: ForkChange[]; after: (ForkCommand & { at: number; seq: number })[] } {
  const replaced = new Map<number, ForkChange>();
  const bySeq = new Set(rest.map((command) => command.seq));
  for (const change of changes) {
    if (change.kind !== "replace" && change.kind !== "skip") continue;
    if (!bySeq.has(change.seq)) throw new ForkError(`Command ${change.seq} is not after the fork position, so it cannot be ${change.kind === "skip" ? "left out" : "replaced"}; pick a later command or move the position back.`);
    replaced.set(change.seq, change);
  }
  const after = rest.flatMap((recorded) => {
    const change = replaced.get(recorded.seq);
    if (change?.kind === "skip") return [];
    const command = change?.kind === "replace" ? change.command : replay(recorded);
    return [{ ...command, at: recorded.at, seq: recorded.seq }];
  });
  return { atCut: changes.filter((change) => change.kind === "fault" || change.kind === "insert"), after };
}

/** A recorded command as it is dispatched again: its own correlation id only when it was given one. */
function replay(recorded: RecordedCommand): ForkCommand {
  return recorded.correlationId === recorded.messageId ? { command: recorded.command } : { command: recorded.command, correlationId: recorded.correlationId };
}

export async function forkRun(prisma: PrismaClient, host: RunsHost, source: OpenTimeline, at: number, changes: readonly ForkChange[]): Promise<ForkResult> {
  const parent = await findRunRecord(prisma, source.run.id);
  await source.lock.run(() => source.timeline.refresh());
  if (!Number.isInteger(at) || at < 0 || at > source.timeline.length) throw new TimelineIndexError(at, source.timeline.length);
  const commands = listCommands(parent.id);
  const { kept, time: cutTime } = await source.lock.run(() => commandsBefore(source, commands, at));
  const plan = planRest(commands.slice(kept), changes);
  // The parent's faults, tour faults, redrives and discards: those done before the position's event, and the rest.
  const interventions = interventionsOf({ store: source.store });
  const isBefore = (done: TimedIntervention) => done.afterCommand < kept || (done.afterCommand === kept && done.at < cutTime);
  const before = interventions.filter(isBefore);
  const after = interventions.filter((done) => !isBefore(done));

  const id = crypto.randomUUID();
  await host.writeLock.run(() =>
    prisma.run.create({
      data: { id, flowId: parent.flowId, flowVersion: parent.flowVersion, document: JSON.stringify(parent.document), seed: parent.seed, mode: "fast", status: "running", parentRunId: parent.id, forkedAt: at },
    }),
  );

  const opened = await openRun({ flow: parent.document, runId: id, seed: parent.seed, mode: "fast", playing: false });
  // Its own faults and the parent's it does again are recorded too: a fork of the fork stays faithful.
  const engine = recordingInterventions(opened.engine);
  const countEvents = engine.store.db.prepare<[string], number>("SELECT COUNT(*) FROM events WHERE run_id = ?").pluck();
  const warnings: string[] = [];
  const settle = async (until?: number) => {
    const result = await engine.runUntilIdle({ maxSteps: MAX_SETTLE_STEPS, ...(until === undefined ? {} : { until }) });
    if (!result.idle && result.steps >= MAX_SETTLE_STEPS) warnings.push(`The fork did not settle after ${MAX_SETTLE_STEPS.toLocaleString("en")} units of work; it may loop.`);
  };
  const dispatch = async ({ command, correlationId }: ForkCommand) => {
    await engine.dispatch(command, { record: true, ...(correlationId === undefined ? {} : { correlationId }) });
  };
  /** Does the work due before clock time `time`, then moves the clock there. */
  const reach = async (time: number) => {
    await settle(time);
    const clock = opened.clock.clock;
    if (clock.mode === "fast") clock.advanceTo(time);
  };
  /** Dispatches at clock time `time`. */
  const dispatchAt = async (time: number, command: ForkCommand) => {
    await reach(time);
    await dispatch(command);
  };
  /** Does again, each at its time, the interventions of `queue` recorded before command `seq`. */
  const interveneUpTo = async (queue: TimedIntervention[], seq: number) => {
    while (queue.length > 0 && queue[0]!.afterCommand < seq) {
      const done = queue.shift()!;
      await reach(done.at);
      const warning = performIntervention(engine, opened.flow, done.intervention);
      if (warning) warnings.push(warning);
    }
  };

  try {
    const result = await host.writeLock.run(async () => {
      for (const recorded of commands.slice(0, kept)) {
        await interveneUpTo(before, recorded.seq);
        await dispatchAt(recorded.at, replay(recorded));
      }
      await interveneUpTo(before, Number.POSITIVE_INFINITY);
      let steps = 0;
      while (countEvents.get(id)! < at && steps < MAX_SETTLE_STEPS && (await engine.step())) steps++;
      const cutAt = countEvents.get(id)!;
      for (const change of plan.atCut) {
        if (change.kind === "fault") engine.injectFault(change.fault);
        else if (change.kind === "insert") await dispatch(change.command);
      }
      for (const next of plan.after) {
        await interveneUpTo(after, next.seq);
        await dispatchAt(next.at, next);
      }
      await interveneUpTo(after, Number.POSITIVE_INFINITY);
      await settle();
      return { cutAt, length: countEvents.get(id)! };
    });
    await engine.close();
    await host.writeLock.run(() => prisma.run.update({ where: { id }, data: { status: "finished", endedAt: new Date() } }));
    // Recorded to its end: its keyframes are built in the background, as the host's runs' are.
    host.keyframes.track(id, opened.definition, parent.document);
    host.keyframes.closed(id);
    const { document: _document, ...run } = await findRunRecord(prisma, id);
    return { run, ...result, replayed: kept, continued: plan.after.length, warnings };
  } catch (error) {
    await engine.close();
    createRunStore(engine.store.db, id).deleteRun();
    await host.writeLock.run(() => prisma.run.deleteMany({ where: { id } }));
    throw error;
  }
}
