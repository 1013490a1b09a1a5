// The studio's canvas state for one flow (a zustand store, one per <StudioProvider>): the Flow
// document, which is the source of truth, and what is derived from it (graph, React Flow nodes and
// edges, problems), plus selection, undo/redo history, clipboard and the notices the user sees.
// Every canvas gesture becomes a Flow edit here; nothing talks to the server (see autosave.ts).
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import { createStore, type StoreApi } from "zustand/vanilla";
import { flowToGraph, nodeIdForElement, type FlowGraph } from "@/server/flow/graph";
import { autoLayout, completeLayout, nodePositions } from "@/server/flow/layout";
import type { Flow, Position } from "@/server/flow/schema";
import { validateFlow, type Problem } from "@/server/flow/validate";
import { copySelection, pasteClipboard, type Clipboard } from "./edits/clipboard";
import { connectNodes } from "./edits/connect";
import { isRefusal, refuse, type NewId, type Refusal } from "./edits/elements";
import { removeSelection } from "./edits/remove";
import { deriveEdges, deriveNodes, sameJson } from "./derive";
import { emptyHistory, record, redo, seal, undo, type History } from "./history";
import { PALETTE } from "./registry";
import type { AppEdge, AppNode } from "./types";

export type SaveStatus =
  | { state: "saved" }
  | { state: "unsaved" }
  | { state: "saving" }
  | { state: "error"; message: string }
  | { state: "conflict"; message: string }
  | { state: "readonly" };

export interface Notice {
  tone: "error" | "info";
  text: string;
  /** Grows with every notice, so the same sentence twice is still news. */
  serial: number;
}

export interface EditOptions {
  /** Consecutive edits with the same key make one undo step. */
  mergeKey?: string;
  /** Node ids to select afterwards. */
  select?: readonly string[];
}

/** A change to a draft of the flow: changes it in place, or refuses. */
export type Recipe = (draft: Flow) => Refusal | void;

export interface StudioState {
  readonly flowId: string;
  readonly readOnly: boolean;
  /** Fresh element ids. */
  readonly newId: NewId;
  flow: Flow;
  graph: FlowGraph;
  nodes: AppNode[];
  edges: AppEdge[];
  selected: readonly string[];
  problems: readonly Problem[];
  problemsByNode: Readonly<Record<string, Problem[]>>;
  history: History;
  clipboard: Clipboard | null;
  pastes: number;
  notice: Notice | null;
  save: SaveStatus;

  edit(recipe: Recipe, options?: EditOptions): boolean;
  /** Ends a run of merged edits (a field lost focus). */
  sealHistory(): void;
  onNodesChange(changes: NodeChange<AppNode>[]): void;
  onEdgesChange(changes: EdgeChange<AppEdge>[]): void;
  deleteSelection(nodeIds: readonly string[], edgeIds: readonly string[]): void;
  /** Why connecting `source` to `target` would be refused, or null when it means something. */
  connectionRefusal(source: string, target: string): string | null;
  connect(source: string, target: string): boolean;
  addFromPalette(paletteId: string, at: Position): boolean;
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
  select(nodeIds: readonly string[]): void;
  selectAll(): void;
  autoLayout(): void;
  /** The flow was renamed on the server: the new name everywhere, not as an undoable edit. */
  renamed(name: string): void;
  notify(text: string, tone?: Notice["tone"]): void;
  dismissNotice(): void;
  setSave(status: SaveStatus): void;
}

export type StudioStore = StoreApi<StudioState>;

export interface StudioOptions {
  flowId: string;
  flow: Flow;
  readOnly: boolean;
  newId: NewId;
}

const READ_ONLY = "This is a teaching demo, so it cannot be changed: make a copy to edit it.";

function groupProblems(graph: FlowGraph, problems: readonly Problem[], previous: Readonly<Record<string, Problem[]>>): Record<string, Problem[]> {
  const grouped: Record<string, Problem[]> = {};
  for (const problem of problems) {
    const node = problem.elementId === undefined ? undefined : nodeIdForElement(graph, problem.elementId);
    if (node) (grouped[node] ??= []).push(problem);
  }
  for (const [node, list] of Object.entries(grouped)) if (previous[node] && sameJson(previous[node], list)) grouped[node] = previous[node];
  return grouped;
}

export function createStudioStore({ flowId, flow: initial, readOnly, newId }: StudioOptions): StudioStore {
  let refusals = new Map<string, string | null>();
  let refusalsFor: Flow | null = null;

  return createStore<StudioState>()((set, get) => {
    /** Everything derived from a new document; `selected` defaults to what is still there. */
    const derive = (flow: Flow, state: Partial<StudioState> & Pick<StudioState, "nodes" | "edges" | "selected" | "problemsByNode">, select?: readonly string[]) => {
      let graph = flowToGraph(flow);
      const laid = completeLayout(flow, graph);
      if (laid !== flow) graph = flowToGraph(laid);
      const live = new Set(graph.nodes.map((n) => n.id));
      const selected = (select ?? state.selected).filter((id) => live.has(id));
      const problems = validateFlow(laid);
      return {
        flow: laid,
        graph,
        nodes: deriveNodes(graph, nodePositions(graph), state.nodes, new Set(selected), readOnly),
        edges: deriveEdges(graph, state.edges, readOnly),
        selected: sameJson(selected, state.selected) ? state.selected : selected,
        problems,
        problemsByNode: groupProblems(graph, problems, state.problemsByNode),
      };
    };

    const apply = (recipe: Recipe): { flow: Flow } | Refusal => {
      const draft = structuredClone(get().flow);
      const result = recipe(draft);
      return isRefusal(result) ? result : { flow: draft };
    };

    const first = derive(initial, { nodes: [], edges: [], selected: [], problemsByNode: {} });

    return {
      flowId,
      readOnly,
      newId,
      ...first,
      history: emptyHistory,
      clipboard: null,
      pastes: 0,
      notice: null,
      save: readOnly ? { state: "readonly" } : { state: "saved" },

      edit(recipe, options = {}) {
        if (readOnly) {
          get().notify(READ_ONLY);
          return false;
        }
        const result = apply(recipe);
        if (isRefusal(result)) {
          get().notify(result.refused);
          return false;
        }
        const state = get();
        if (sameJson(result.flow, state.flow)) return true;
        set({ ...derive(result.flow, state, options.select), history: record(state.history, state.flow, options.mergeKey ?? null) });
        return true;
      },

      sealHistory() {
        set({ history: seal(get().history) });
      },

      onNodesChange(changes) {
        const kept = changes.filter((c) => c.type !== "remove" && c.type !== "add" && c.type !== "replace");
        if (kept.length === 0) return;
        const state = get();
        const nodes = applyNodeChanges(kept, state.nodes);
        const moved = kept.filter((c) => c.type === "position" && c.dragging === false && c.position);
        const selectionChanged = kept.some((c) => c.type === "select");
        const selected = selectionChanged ? nodes.filter((n) => n.selected).map((n) => n.id) : state.selected;
        set({ nodes, selected: sameJson(selected, state.selected) ? state.selected : selected });
        if (moved.length > 0) {
          const places = new Map(nodes.filter((n) => n.draggable !== false).map((n) => [n.id, n.position]));
          get().edit((draft) => {
            for (const change of moved) {
              const at = change.type === "position" ? places.get(change.id) : undefined;
              if (at && draft.layout[change.id]) draft.layout[change.id] = { x: Math.round(at.x), y: Math.round(at.y) };
            }
          });
        }
      },

      onEdgesChange(changes) {
        const kept = changes.filter((c) => c.type === "select");
        if (kept.length > 0) set({ edges: applyEdgeChanges(kept, get().edges) });
      },

      deleteSelection(nodeIds, edgeIds) {
        if (nodeIds.length === 0 && edgeIds.length === 0) return;
        const { graph } = get();
        get().edit((draft) => removeSelection(draft, graph, nodeIds, edgeIds));
      },

      connectionRefusal(source, target) {
        const { flow, graph } = get();
        if (readOnly) return READ_ONLY;
        if (refusalsFor !== flow) {
          refusals = new Map();
          refusalsFor = flow;
        }
        const key = `${source}\u0000${target}`;
        if (!refusals.has(key)) {
          const from = graph.nodes.find((n) => n.id === source);
          const to = graph.nodes.find((n) => n.id === target);
          const result = from && to ? apply((draft) => connectNodes(draft, from, to, newId)) : refuse("That node no longer exists.");
          refusals.set(key, isRefusal(result) ? result.refused : null);
        }
        return refusals.get(key)!;
      },

      connect(source, target) {
        const { graph } = get();
        const from = graph.nodes.find((n) => n.id === source);
        const to = graph.nodes.find((n) => n.id === target);
        if (!from || !to) return false;
        return get().edit((draft) => connectNodes(draft, from, to, newId));
      },

      addFromPalette(paletteId, at) {
        const entry = PALETTE.find((p) => p.id === paletteId);
        if (!entry) return false;
        let created: string | undefined;
        const rounded = { x: Math.round(at.x), y: Math.round(at.y) };
        const ok = get().edit((draft) => {
          const result = entry.create(draft, { at: rounded, newId });
          if (isRefusal(result)) return result;
          created = result;
        });
        if (ok && created) get().select([created]);
        return ok;
      },

      undo() {
        const state = get();
        const step = undo(state.history, state.flow);
        if (!step) return get().notify("Nothing to undo.", "info");
        set({ ...derive(step.flow, state), history: step.history });
      },

      redo() {
        const state = get();
        const step = redo(state.history, state.flow);
        if (!step) return get().notify("Nothing to redo.", "info");
        set({ ...derive(step.flow, state), history: step.history });
      },

      copy() {
        const { flow, graph, selected } = get();
        const clipboard = copySelection(flow, graph, selected);
        if (!clipboard) return get().notify("Select elements to copy first (topics, queues and replies come with their element).", "info");
        set({ clipboard, pastes: 0 });
        get().notify(`Copied ${clipboard.items.length} element${clipboard.items.length === 1 ? "" : "s"}.`, "info");
      },

      paste() {
        const { clipboard, pastes } = get();
        if (!clipboard) return get().notify("Nothing to paste: copy elements first.", "info");
        let added: string[] = [];
        const shift = 40 * (pastes + 1);
        const ok = get().edit((draft) => {
          added = pasteClipboard(draft, clipboard, newId, { x: shift, y: shift });
          if (added.length === 0) return refuse("Nothing could be pasted: the aggregate or saga those elements belonged to is gone.");
        });
        if (ok) set({ pastes: pastes + 1 });
        if (ok) get().select(added);
      },

      select(nodeIds) {
        const state = get();
        const wanted = new Set(nodeIds);
        const nodes = state.nodes.map((n) => (Boolean(n.selected) === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) }));
        const edges = state.edges.map((e) => (e.selected ? { ...e, selected: false } : e));
        set({ nodes, edges, selected: nodes.filter((n) => n.selected).map((n) => n.id) });
      },

      selectAll() {
        get().select(get().nodes.map((n) => n.id));
      },

      autoLayout() {
        const { graph } = get();
        get().edit((draft) => {
          draft.layout = autoLayout(graph);
        });
      },

      renamed(name) {
        const state = get();
        const rename = (flow: Flow): Flow => ({ ...flow, name });
        set({
          flow: rename(state.flow),
          history: { ...state.history, past: state.history.past.map(rename), future: state.history.future.map(rename) },
        });
      },

      notify(text, tone = "error") {
        set({ notice: { text, tone, serial: (get().notice?.serial ?? 0) + 1 } });
      },

      dismissNotice() {
        set({ notice: null });
      },

      setSave(status) {
        set({ save: status });
      },
    };
  });
}
