// The live animation's pump: trace batches from the stream wait in a queue; once per animation
// frame, the pacer says how many hops leave; each is folded into the live model and planned as a
// token; the frame's tokens are merged per path and launched; node states are committed to the
// store at most every COMMIT_MS. No React render happens per entry. Browser only (rAF).
import { createLiveModel, type HopEntry, type LiveModel } from "./liveModel";
import { createPacer } from "./pacing";
import type { RunUiStore } from "./runStore";
import type { TokenAnimator } from "./tokenAnimator";
import { createTokenPlanner, mergeTokens, type TokenPlanner, type TokenSpec } from "./tokenPlan";
import type { Topology } from "./topology";

/** Node states reach the store at most this often (less often while the feed is busy). */
const COMMIT_MS = 200;
const BUSY_COMMIT_MS = 500;
const TOKEN_MS = 800;
const BUSY_TOKEN_MS = 450;
/** Beyond this many queued entries, tokens fly faster. */
const BUSY_QUEUE = 400;

export interface TraceFeed {
  push(entries: readonly HopEntry[], lastSeq: number): void;
  /** A new run (or none): empties the queue and starts the model afresh; entries up to `foldUntil` (a run picked up on load) are folded at once, without tokens. */
  restart(topology: Topology, foldUntil?: number): void;
  stop(): void;
}

export function createTraceFeed(store: RunUiStore, animator: TokenAnimator, initial: Topology): TraceFeed {
  let queue: HopEntry[] = [];
  let head = 0;
  let model: LiveModel = createLiveModel(initial);
  let planner: TokenPlanner = createTokenPlanner(initial);
  const pacer = createPacer();
  let received = 0;
  let shown = 0;
  let frame = 0;
  let lastFrame = 0;
  let lastCommit = 0;
  let dirty = false;
  let foldUntil = 0;

  const queued = () => queue.length - head;

  function commit(now: number) {
    lastCommit = now;
    dirty = false;
    store.getState().applyNodes(model.takeChanges(), { received, shown, queued: queued() }, model.clock);
  }

  function tick(now: number) {
    frame = 0;
    const dt = lastFrame === 0 ? 16 : now - lastFrame;
    lastFrame = now;
    let budget = pacer.release(queued(), dt, store.getState().anchor.speed);
    const busy = queued() > BUSY_QUEUE;
    const tokens: TokenSpec[] = [];
    while (head < queue.length && budget > 0) {
      const entry = queue[head++]!;
      model.apply(entry);
      shown = entry.seq;
      dirty = true;
      const token = planner.plan(entry);
      if (token) {
        tokens.push(token);
        budget--;
      }
    }
    // Notes that travel nowhere go with the hop before them.
    while (head < queue.length && planner.plan(queue[head]!) === null && queue[head]!.kind !== "duplicate-absorbed") {
      const entry = queue[head++]!;
      model.apply(entry);
      shown = entry.seq;
      dirty = true;
    }
    if (head > 4_096 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    animator.launch(mergeTokens(tokens), now, busy ? BUSY_TOKEN_MS : TOKEN_MS);
    const flying = animator.frame(now);
    if (dirty && (now - lastCommit >= (busy ? BUSY_COMMIT_MS : COMMIT_MS) || (queued() === 0 && !busy))) commit(now);
    if (queued() > 0 || flying || dirty) frame = requestAnimationFrame(tick);
    else lastFrame = 0;
  }

  function wake() {
    if (frame === 0) frame = requestAnimationFrame(tick);
  }

  return {
    push(entries, lastSeq) {
      for (const entry of entries) {
        if (entry.seq > foldUntil) queue.push(entry);
        else {
          // History of a run picked up on load: its state, not its animation (the planner still learns deliveries).
          model.apply(entry);
          planner.plan(entry);
          shown = entry.seq;
          dirty = true;
        }
      }
      received = Math.max(received, lastSeq);
      wake();
    },
    restart(topology, until = 0) {
      foldUntil = until;
      queue = [];
      head = 0;
      model = createLiveModel(topology);
      planner = createTokenPlanner(topology);
      pacer.reset();
      received = 0;
      shown = 0;
      dirty = false;
      animator.reset();
      store.getState().setFeed({ received: 0, shown: 0, queued: 0 });
    },
    stop() {
      if (frame !== 0) cancelAnimationFrame(frame);
      frame = 0;
      lastFrame = 0;
    },
  };
}
