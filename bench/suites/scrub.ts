// Suite `scrub`: dragging the replay view's timeline slider in headless Chromium
// (/usr/bin/chromium) against the built studio must keep at least 30 updates of the
// shown world a second (issue #7). A fresh studio serves a fast run of the bank-account
// demo recorded by the engine through the API (SCRUB_ACCOUNTS accounts, each opened then
// sent SCRUB_COMMANDS_PER_ACCOUNT deposits and withdrawals: thousands of events with
// their trace hops); a unit is one world at a new position on screen (the state panels'
// data-index changed between two animation frames, to a position the drag asked for) while
// the slider's thumb is dragged back and forth across the whole log, one step per animation
// frame as a browser delivers a drag (after a first real mouse drag that checks the page
// follows one). One contender ("many"); the value `many-updates-per-second` is the median of its
// per-sample rates, and `many-events` the length of the log it scrubs.

import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { PROJECT_ROOT } from "../harness/machine";
import { CHROMIUM, startStudio, trpcMutate, trpcQuery, type RunningStudio } from "../harness/studioServer";
import type { Contender, Runner, Suite, SuiteContext, ValueResult } from "../harness/types";

const VIEWPORT = { width: 1400, height: 900 };
const FLOW = "demo-bank-account";
const ACCOUNTS = Number(process.env.SCRUB_ACCOUNTS ?? 20);
const COMMANDS_PER_ACCOUNT = Number(process.env.SCRUB_COMMANDS_PER_ACCOUNT ?? 150);
const SCRIPT_LIMIT = 1_000;

/** The bank's console commands: each account opened, then deposits with every fifth a withdrawal (seeded by position, no randomness). */
function bankCommands(): { aggregate: string; aggregateId: string; command: string; data: Record<string, number | string> }[] {
  const commands = [];
  for (let a = 0; a < ACCOUNTS; a++) commands.push({ aggregate: "Account", aggregateId: `acc-${a}`, command: "OpenAccount", data: { owner: `Owner ${a}` } });
  for (let i = 0; i < COMMANDS_PER_ACCOUNT; i++) {
    for (let a = 0; a < ACCOUNTS; a++) {
      const withdraw = i % 5 === 4;
      commands.push({ aggregate: "Account", aggregateId: `acc-${a}`, command: withdraw ? "Withdraw" : "Deposit", data: { amount: withdraw ? 15 : 10 + ((i + a) % 7) } });
    }
  }
  return commands;
}

interface Studio {
  base: string;
  browser: Browser;
  run: { id: string; events: number };
}

let running: RunningStudio | undefined;
let starting: Promise<Studio> | undefined;

/** Starts the studio (harness), records the run the slider scrubs. */
function recordedStudio(ctx: SuiteContext): Promise<Studio> {
  starting ??= (async () => {
    const { base, browser } = (running = await startStudio(ctx));
    const started = performance.now();
    const many = await trpcMutate<{ run: { id: string } }>(base, "runs.start", { flowId: FLOW, mode: "fast", seed: 7 });
    const commands = bankCommands();
    for (let i = 0; i < commands.length; i += SCRIPT_LIMIT) await trpcMutate(base, "commands.script", { runId: many.run.id, commands: commands.slice(i, i + SCRIPT_LIMIT) });
    const { length } = await trpcQuery<{ length: number }>(base, "timeline.open", { runId: many.run.id });
    const run = { id: many.run.id, events: length };
    ctx.log(`studio at ${base}; ${commands.length} commands recorded in ${Math.round(performance.now() - started)} ms: run ${run.id} has ${run.events} events`);
    return { base, browser, run };
  })();
  return starting;
}

/** Per-call update rates (the harness times the same calls; this keeps them for the value). */
const samples: number[] = [];
let scrubbed = 0;

/**
 * In the page: drags the slider's thumb back and forth across the whole log, one step per animation
 * frame (a browser delivers a drag as one coalesced input event per frame), until `units` more worlds
 * were on screen. An update counts when, at an animation frame, the state panels show a world at
 * another index than at the frame before (their data-index, set in the same render as the world),
 * and that index is one the drag asked for: worlds rendered, not requests sent, and at most one per
 * frame painted. Plain JavaScript source (tsx's name helpers do not exist in the page).
 */
const DRAG = `(units) => new Promise((resolve) => {
  const input = document.querySelector('[data-testid="timeline-slider"]');
  const shownIndex = () => document.querySelector('[data-testid="state-panels"]')?.getAttribute("data-index") ?? null;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  const max = Number(input.max);
  const stride = Math.max(1, Math.round(max / 240));
  const requested = (window.__scrubRequested ??= new Set());
  let shown = shownIndex();
  let counted = 0;
  const frame = () => {
    const now = shownIndex();
    if (now !== null && now !== shown && requested.has(Number(now))) counted++;
    shown = now;
    if (counted >= units) return resolve();
    let at = (window.__scrubAt ?? 0) + (window.__scrubDirection ?? 1) * stride;
    if (at >= max || at <= 0) window.__scrubDirection = -(window.__scrubDirection ?? 1);
    window.__scrubAt = at = Math.max(0, Math.min(max, at));
    requested.add(at);
    setValue.call(input, String(at));
    input.dispatchEvent(new Event("input", { bubbles: true }));
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

const drag = (page: Page, units: number): Promise<void> => page.evaluate(`(${DRAG})(${units})`);

function scrubContender(label: string): Contender {
  return {
    key: "many",
    label,
    async open(ctx): Promise<Runner> {
      const studio = await recordedStudio(ctx);
      const { run } = studio;
      scrubbed = run.events;
      const page = await studio.browser.newPage({ viewport: VIEWPORT });
      await page.goto(`${studio.base}/flows/${FLOW}/runs/${run.id}?at=0`);
      await page.getByTestId("timeline-position").filter({ hasText: "Start" }).waitFor();
      await page.locator(".react-flow__node").first().waitFor();
      // A person's drag first (the mouse on the thumb, across the track): the timeline really follows it.
      const box = (await page.getByTestId("timeline-slider").boundingBox())!;
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + 8, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 3, y, { steps: 10 });
      await page.mouse.up();
      await page.getByTestId("timeline-position").filter({ hasNotText: "Start" }).waitFor();
      const shownAway = `Number(document.querySelector('[data-testid="state-panels"]')?.getAttribute("data-index") ?? 0) > 0`;
      await page.waitForFunction(shownAway, undefined, { timeout: 60_000 }).catch(() => {
        throw new Error(`${label}: dragging the slider did not update the world shown`);
      });
      return {
        async run(units) {
          const started = performance.now();
          await drag(page, units);
          const seconds = (performance.now() - started) / 1000;
          samples.push(units / seconds);
        },
        close: () => page.close(),
      };
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const scrubSuite: Suite = {
  name: "scrub",
  title: "Replay view: world updates per second while dragging the timeline slider, headless Chromium",
  targets: [{ kind: "value", value: "many-updates-per-second", atLeast: 30, source: "issue #7" }],
  prerequisite() {
    if (!existsSync(CHROMIUM)) return `Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`;
    if (!existsSync(path.join(PROJECT_ROOT, "node_modules/@playwright/test"))) return "@playwright/test is not installed: npm install";
    return undefined;
  },
  comparisons: () => [{
    id: "drag",
    title: `Dragging the slider of /flows/[id]/runs/[runId] over a ${ACCOUNTS * (COMMANDS_PER_ACCOUNT + 1)}-command bank run`,
    unit: "updates",
    sampleMs: 1500,
    contenders: [scrubContender("bank run with thousands of events (engine-recorded, with trace hops)")],
  }],
  values(): ValueResult[] {
    if (samples.length === 0) return [];
    return [
      { id: "many-updates-per-second", title: "World updates per second while dragging the slider (median of samples)", unit: "updates/s", value: Math.round(median(samples) * 10) / 10 },
      { id: "many-events", title: "Events in the scrubbed run's log", unit: "events", value: scrubbed },
    ];
  },
  async cleanup() {
    await running?.stop();
    running = undefined;
    starting = undefined;
    samples.length = 0;
  },
};
