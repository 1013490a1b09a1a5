// The run layer's state for one studio (a zustand store per <RunProvider>, never at module level):
// which run is open and its server state, the live state of each canvas node (folded from the
// trace, committed at most once per frame), the faults in force per node, the tour's highlights,
// the run's notices and the open dock tab. Components subscribe with narrow selectors.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { FaultViewData, RunRecordView, RunStateView, RunView } from "./api";
import type { NodeLive } from "./liveModel";

export type DockTab = "console" | "history" | "read-models" | "sagas" | "dead-letters" | "metrics" | "faults";

export interface RunNotice {
  tone: "error" | "info" | "ok";
  text: string;
  serial: number;
}

/** Where the run's clock stood at a wall-clock moment (performance.now), to count down backoffs between server replies. */
export interface ClockAnchor {
  at: number;
  wall: number;
  speed: number;
  playing: boolean;
}

export interface FeedStats {
  /** Seq of the newest entry received from the stream. */
  received: number;
  /** Seq of the newest entry drawn (folded into the canvas). */
  shown: number;
  /** Entries waiting to be drawn. */
  queued: number;
}

export interface RunUiState {
  readonly flowId: string;
  runId: string | null;
  record: RunRecordView | null;
  state: RunStateView | null;
  /** Live state of canvas nodes by node id. */
  nodes: Readonly<Record<string, NodeLive>>;
  faultsByNode: Readonly<Record<string, FaultViewData[]>>;
  /** Nodes flashing a refusal the trace does not carry (a concurrency conflict), by node id. */
  flashes: Readonly<Record<string, { message: string; serial: number }>>;
  faults: readonly FaultViewData[];
  highlight: readonly string[];
  notice: RunNotice | null;
  tab: DockTab;
  feed: FeedStats;
  anchor: ClockAnchor;
  /** The node whose fault menu is open. */
  faultMenu: string | null;
  /** A control request is in flight. */
  busy: boolean;

  /** Trace entries up to this seq are folded into the canvas without animating them (a run picked up on load); 0 for a run started here. */
  foldUntil: number;

  /** A run was started, reset or reopened: its record and state; node states start afresh. `foldUntil`: see above. */
  opened(view: Pick<RunView, "run" | "state">, foldUntil?: number): void;
  setState(state: RunStateView): void;
  /** Commands were dispatched (the server records each; the bar's count follows without a round trip). */
  countCommands(added: number): void;
  applyNodes(changes: ReadonlyMap<string, NodeLive>, feed: FeedStats, clock: number): void;
  setFeed(feed: FeedStats): void;
  setFaults(faults: readonly FaultViewData[]): void;
  setHighlight(nodes: readonly string[]): void;
  flash(nodes: readonly string[], message: string): void;
  notify(text: string, tone?: RunNotice["tone"]): void;
  dismissNotice(): void;
  setTab(tab: DockTab): void;
  openFaultMenu(node: string | null): void;
  setBusy(busy: boolean): void;
}

export type RunUiStore = StoreApi<RunUiState>;

const EMPTY_FEED: FeedStats = { received: 0, shown: 0, queued: 0 };

/** The run clock now, estimated from the anchor (the server's clock runs at `speed` while playing). */
export function clockNow(anchor: ClockAnchor, wallNow: number): number {
  return anchor.playing ? anchor.at + Math.max(0, wallNow - anchor.wall) * anchor.speed : anchor.at;
}

function anchorOf(state: RunStateView | null, wall: number): ClockAnchor {
  return state ? { at: state.now, wall, speed: state.speed, playing: state.playing } : { at: 0, wall, speed: 1, playing: false };
}

export function createRunUiStore(flowId: string, wallNow: () => number): RunUiStore {
  let serial = 0;
  return createStore<RunUiState>()((set, get) => ({
    flowId,
    runId: null,
    record: null,
    state: null,
    nodes: {},
    faultsByNode: {},
    flashes: {},
    faults: [],
    highlight: [],
    notice: null,
    tab: "console",
    feed: EMPTY_FEED,
    anchor: anchorOf(null, 0),
    faultMenu: null,
    busy: false,
    foldUntil: 0,

    opened(view, foldUntil = 0) {
      const same = get().runId === view.run.id;
      set({
        ...(same ? {} : { foldUntil }),
        runId: view.run.id,
        record: view.run,
        state: view.state,
        anchor: anchorOf(view.state, wallNow()),
        ...(same ? {} : { nodes: {}, feed: EMPTY_FEED, faults: [], faultsByNode: {}, flashes: {} }),
      });
    },
    setState(state) {
      if (state.runId !== get().runId) return;
      set({ state, anchor: anchorOf(state, wallNow()) });
    },
    countCommands(added) {
      const state = get().state;
      if (state) set({ state: { ...state, commands: state.commands + added } });
    },
    applyNodes(changes, feed, clock) {
      const patch: Partial<RunUiState> = { feed };
      if (changes.size > 0) {
        const nodes = { ...get().nodes };
        for (const [id, live] of changes) nodes[id] = live;
        patch.nodes = nodes;
      }
      // A paused run's clock moves only by stepping: the trace tells where it got to.
      const anchor = get().anchor;
      if (clock > clockNow(anchor, wallNow())) patch.anchor = { ...anchor, at: clock, wall: wallNow() };
      set(patch);
    },
    setFeed(feed) {
      set({ feed });
    },
    setFaults(faults) {
      const byNode: Record<string, FaultViewData[]> = {};
      for (const fault of faults) for (const node of fault.nodes) (byNode[node] ??= []).push(fault);
      set({ faults, faultsByNode: byNode });
    },
    setHighlight(highlight) {
      set({ highlight });
    },
    flash(nodes, message) {
      const flashes = { ...get().flashes };
      serial++;
      for (const node of nodes) flashes[node] = { message, serial };
      set({ flashes });
    },
    notify(text, tone = "error") {
      set({ notice: { text, tone, serial: ++serial } });
    },
    dismissNotice() {
      set({ notice: null });
    },
    setTab(tab) {
      set({ tab });
    },
    openFaultMenu(faultMenu) {
      set({ faultMenu });
    },
    setBusy(busy) {
      set({ busy });
    },
  }));
}
