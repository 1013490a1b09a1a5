// Suite `canvas`: panning and zooming a 300-node flow must keep 0.8 of the frame rate of an empty
// canvas of the same size, in headless Chromium (/usr/bin/chromium) against the built studio.
// Both contenders open /flows/[id] in their own page of one browser; a unit is one animation frame
// of a scripted gesture (a circular drag, then wheel zoom in and out), dispatched in the page and
// counted with requestAnimationFrame. The server and the browser (harness/studioServer.ts) are
// shared, started untimed.

import { existsSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { FlowInput } from "../../server/flow/schema";
import { PROJECT_ROOT } from "../harness/machine";
import { CHROMIUM, startStudio, trpcMutate, type RunningStudio } from "../harness/studioServer";
import type { Contender, Runner, Suite, SuiteContext, ValueResult } from "../harness/types";

const VIEWPORT = { width: 1400, height: 900 };
const SLICES = 20;
const NODES_PER_SLICE = 15;

/** One slice of a shop: every node kind, 15 nodes; 20 slices make the 300-node flow. */
function slice(i: number) {
  const s = `s${i}`;
  const order = `Order${i}`;
  const payment = `Payment${i}`;
  const placed = `shop${i}.order.placed.v1`;
  const cancelled = `shop${i}.order.cancelled.v1`;
  const orderId = [{ name: "orderId", type: "string" as const }];
  return {
    aggregate: {
      id: `${s}-order`, name: order, streamPrefix: `order${i}`, initialState: { status: "new" },
      commands: [
        { id: `${s}-place`, name: "PlaceOrder", payload: [...orderId, { name: "total", type: "number" as const }], guards: [{ rejectWhen: "command.total <= 0", message: "The total must be positive." }], emits: [{ event: placed }] },
        { id: `${s}-cancel`, name: "CancelOrder", payload: orderId, emits: [{ event: cancelled }] },
      ],
      events: [
        { id: `${s}-placed`, type: placed, payload: [...orderId, { name: "total", type: "number" as const }], evolve: [{ op: "set" as const, path: "status", value: "'placed'" }] },
        { id: `${s}-cancelled`, type: cancelled, payload: orderId, evolve: [{ op: "set" as const, path: "status", value: "'cancelled'" }] },
      ],
    },
    projection: {
      id: `${s}-view`, name: `order_view_${i}`,
      handlers: [
        { id: `${s}-view-placed`, event: placed, key: "event.orderId", op: "upsert" as const, fields: { total: "event.total" } },
        { id: `${s}-view-cancelled`, event: cancelled, key: "event.orderId", op: "delete" as const },
      ],
    },
    service: {
      id: `${s}-payment`, name: payment, streamPrefix: `payment${i}`,
      operations: [{ id: `${s}-charge`, name: "Charge", payload: orderId, success: { event: `shop${i}.payment.charged.v1` }, failure: { event: `shop${i}.payment.declined.v1` } }],
    },
    saga: {
      id: `${s}-checkout`, kind: "orchestrated" as const, name: `Checkout${i}`, trigger: { event: placed, instanceId: "event.orderId" },
      steps: [{
        id: `${s}-charge-step`, name: "charge", target: payment, command: "Charge", key: "saga.orderId", data: { orderId: "saga.orderId" },
        compensation: { target: order, command: "CancelOrder", data: { orderId: "saga.orderId" } },
      }],
    },
    consumer: {
      id: `${s}-mailer`, group: `mailer_${i}`, topics: [placed], handler: [{ do: "alert" as const, severity: "info" as const, message: "Mail the customer" }],
      retry: { maxRetries: 3, initialMs: 100, multiplier: 2, maxMs: 5000, jitter: 0.2 },
    },
    outbox: { id: `${s}-outbox`, aggregate: order, batchSize: 100, pollIntervalMs: 50 },
  };
}

export function benchFlow(): FlowInput {
  const slices = Array.from({ length: SLICES }, (_, i) => slice(i));
  return {
    schemaVersion: 1,
    name: `Canvas bench: ${SLICES * NODES_PER_SLICE} nodes`,
    aggregates: slices.map((s) => s.aggregate),
    projections: slices.map((s) => s.projection),
    services: slices.map((s) => s.service),
    sagas: slices.map((s) => s.saga),
    consumers: slices.map((s) => s.consumer),
    outboxes: slices.map((s) => s.outbox),
  };
}

let starting: Promise<Studio> | undefined;
let running: RunningStudio | undefined;

interface Studio {
  studio: RunningStudio;
  flows: { full: string; empty: string };
}

/** The built studio on a fresh database with the two flows, shared by both contenders (started untimed, once). */
function studioWithFlows(ctx: SuiteContext): Promise<Studio> {
  starting ??= (async () => {
    const studio = (running = await startStudio(ctx));
    const full = await trpcMutate<{ id: string }>(studio.base, "flows.import", { content: JSON.stringify(benchFlow()) });
    const empty = await trpcMutate<{ id: string }>(studio.base, "flows.create", { name: "Empty canvas" });
    ctx.log(`${SLICES * NODES_PER_SLICE}-node flow ${full.id}, empty flow ${empty.id}`);
    return { studio, flows: { full: full.id, empty: empty.id } };
  })();
  return starting;
}

/**
 * In the page: `frames` animation frames of the scripted gesture, continuing where the last call stopped.
 * Plain JavaScript source (tsx's name helpers do not exist in the page); resolves after the last frame.
 */
const GESTURE = `(frames) => new Promise((resolve) => {
  const pane = document.querySelector(".react-flow__pane");
  const box = pane.getBoundingClientRect();
  const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
  const mouse = (type, x, y) => (type === "mousedown" ? pane : window).dispatchEvent(new MouseEvent(type,
    { clientX: x, clientY: y, bubbles: true, cancelable: true, button: 0, buttons: type === "mouseup" ? 0 : 1, view: window }));
  let done = 0;
  const frame = () => {
    const phase = (window.benchStep = (window.benchStep ?? -1) + 1) % 120;
    if (phase < 60) {
      const angle = (phase / 59) * 2 * Math.PI;
      if (phase === 0) mouse("mousedown", cx, cy);
      mouse("mousemove", cx + 120 * Math.sin(angle), cy + 80 * (1 - Math.cos(angle)));
      if (phase === 59) mouse("mouseup", cx, cy);
    } else {
      pane.dispatchEvent(new WheelEvent("wheel", { clientX: cx, clientY: cy, deltaY: phase < 90 ? -40 : 40, bubbles: true, cancelable: true }));
    }
    if (++done >= frames) resolve();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

const gesture = (page: Page, frames: number): Promise<void> => page.evaluate(`(${GESTURE})(${frames})`);

const viewportTransform = (page: Page) => page.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);

function canvasContender(key: "flow-300" | "empty", label: string, nodes: number): Contender {
  return {
    key,
    label,
    async open(ctx): Promise<Runner> {
      const { studio, flows } = await studioWithFlows(ctx);
      const page = await studio.browser.newPage({ viewport: VIEWPORT });
      await page.goto(`${studio.base}/flows/${key === "empty" ? flows.empty : flows.full}`);
      await page.locator(".react-flow__pane").waitFor();
      if (nodes > 0) await page.locator(".react-flow__node").nth(nodes - 1).waitFor();
      const drawn = await page.locator(".react-flow__node").count();
      if (drawn !== nodes) throw new Error(`${label}: ${drawn} nodes on the canvas, expected ${nodes}`);
      const before = await viewportTransform(page);
      await gesture(page, 30);
      if ((await viewportTransform(page)) === before) throw new Error(`${label}: the scripted gesture did not move the canvas`);
      return {
        run: (units) => gesture(page, units),
        close: () => page.close(),
      };
    },
  };
}

/** Main-thread busy time (scripts, style, layout, paint) per frame of the gesture, from Chromium's own counters. */
async function busyPerFrame(page: Page, frames: number): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const busy = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration")!.value;
  const before = await busy();
  await gesture(page, frames);
  const after = await busy();
  await cdp.detach();
  return ((after - before) * 1000) / frames;
}

/** Figures that do not depend on the machine's load the way frame rates do: time to draw, CPU per frame. */
async function canvasValues(ctx: SuiteContext): Promise<ValueResult[]> {
  const { studio, flows } = await studioWithFlows(ctx);
  const page = await studio.browser.newPage({ viewport: VIEWPORT });
  const opened = performance.now();
  await page.goto(`${studio.base}/flows/${flows.full}`);
  await page.locator(".react-flow__node").nth(SLICES * NODES_PER_SLICE - 1).waitFor();
  const drawn = performance.now() - opened;
  const full = await busyPerFrame(page, 120);
  await page.goto(`${studio.base}/flows/${flows.empty}`);
  await page.locator(".react-flow__pane").waitFor();
  const empty = await busyPerFrame(page, 120);
  await page.close();
  return [
    { id: "open-300-ms", title: `Open /flows/[id] with ${SLICES * NODES_PER_SLICE} nodes until every node is drawn`, unit: "ms", value: Math.round(drawn) },
    { id: "frame-busy-300-ms", title: "Main-thread busy time per pan/zoom frame, 300-node flow", unit: "ms", value: Number(full.toFixed(2)) },
    { id: "frame-busy-empty-ms", title: "Main-thread busy time per pan/zoom frame, empty canvas", unit: "ms", value: Number(empty.toFixed(2)) },
  ];
}

export const canvasSuite: Suite = {
  name: "canvas",
  title: "Canvas pan/zoom frame rate: a 300-node flow vs an empty canvas, headless Chromium",
  targets: [{ kind: "ratio", comparison: "pan-zoom", of: "flow-300", vs: "empty", basis: "rate", atLeast: 0.8, source: "issues #5 and #9" }],
  prerequisite() {
    if (!existsSync(CHROMIUM)) return `Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`;
    if (!existsSync(path.join(PROJECT_ROOT, "node_modules/@playwright/test"))) return "@playwright/test is not installed: npm install";
    return undefined;
  },
  comparisons: () => [{
    id: "pan-zoom",
    title: `Scripted pan and zoom at ${VIEWPORT.width}×${VIEWPORT.height}: ${SLICES * NODES_PER_SLICE}-node flow vs empty canvas`,
    unit: "frames",
    sampleMs: 1000,
    contenders: [
      canvasContender("flow-300", `${SLICES * NODES_PER_SLICE}-node flow (/flows/[id])`, SLICES * NODES_PER_SLICE),
      canvasContender("empty", "empty canvas (/flows/[id])", 0),
    ],
  }],
  values: canvasValues,
  async cleanup() {
    await running?.stop();
    running = undefined;
    starting = undefined;
  },
};
