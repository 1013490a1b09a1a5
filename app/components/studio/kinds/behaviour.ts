// What a node kind does on the canvas, apart from how it looks: how the palette creates one, which
// connections from it mean something (and what they change), and what deleting it removes.
// Behaviours edit a Flow draft in place and say no with a Refusal; they never touch React.
import type { GraphNode, NodeKind } from "@/server/flow/graph";
import type { Flow, Position } from "@/server/flow/schema";
import type { NewId, Refusal } from "../edits/elements";

export interface CreateContext {
  at: Position;
  newId: NewId;
}

export interface PaletteEntry {
  id: string;
  label: string;
  hint: string;
  /** Adds the element at `ctx.at`; returns its node id. */
  create(draft: Flow, ctx: CreateContext): string | Refusal;
}

/** A connection from a node of this kind to `target`: changes the draft, or refuses. */
export type ConnectRule = (draft: Flow, source: GraphNode, target: GraphNode, newId: NewId) => Refusal | void;

export interface KindBehaviour {
  palette: PaletteEntry[];
  /** Outgoing connections that mean something, by target kind. */
  connect: Partial<Record<NodeKind, ConnectRule>>;
  /** Why some connections are refused, by target kind (common mistakes), or in general. */
  refusals?: Partial<Record<NodeKind | "any", string>>;
  /** Removes the node's element (and what only it used). */
  remove(draft: Flow, node: GraphNode): void;
}
