// Which token a trace entry sends across the canvas, and how a frame's tokens are merged: one
// token per path and tone per frame, carrying how many messages it stands for. Pure: reads the
// entry and the topology; the animator (tokenAnimator.ts) draws what this returns.
import type { HopEntry } from "./liveModel";
import type { Topology } from "./topology";

/** command: solid-arrow messages; event: facts; compensation: undo, in its own colour; retry: going back for another attempt; dead: into a dead-letter queue; duplicate: absorbed by idempotency, stops short with a badge. */
export type TokenTone = "command" | "event" | "compensation" | "retry" | "dead" | "duplicate";

export interface TokenSpec {
  /** Along this edge (its drawn path), or straight from node to node when null. */
  edge: string | null;
  from: string;
  to: string;
  /** Travels the edge from its target back to its source. */
  reverse: boolean;
  tone: TokenTone;
  /** Messages it stands for. */
  count: number;
  /** Stops part-way (a duplicate absorbed). */
  stops: boolean;
}

/** Trace kinds that are notes on one node, never a token. */
const NOTES = new Set(["handler-success", "handler-failure", "snapshot", "alert", "projection-rebuilt", "saga-started", "saga-step-started", "saga-step-succeeded", "saga-step-failed", "saga-completed", "saga-compensated", "compensation-started", "compensation-done", "compensation-failed"]);

function toneOf(kind: string, flavor: string | undefined): TokenTone {
  if (kind === "dead-lettered") return "dead";
  if (kind === "retry-scheduled" || kind === "redriven") return "retry";
  if (flavor === "compensation") return "compensation";
  if (kind.startsWith("command") || kind === "service-call" || flavor === "command") return "command";
  return "event";
}

export interface TokenPlanner {
  /** The token of an entry, or null when it travels nowhere. */
  plan(entry: HopEntry): TokenSpec | null;
}

export function createTokenPlanner(topology: Topology): TokenPlanner {
  /** The edge the last delivery of a message to a node came along, so a duplicate can stop on it. */
  const deliveredAlong = new Map<string, { edge: string | null; from: string }>();
  const MAX_REMEMBERED = 2_000;

  return {
    plan(entry) {
      const hop = entry.hop;
      if (!hop || NOTES.has(entry.kind)) return null;
      if (entry.kind === "duplicate-absorbed") {
        const at = hop.from;
        const came = at && entry.messageId ? deliveredAlong.get(`${entry.messageId}>${at}`) : undefined;
        if (!at || !came) return null;
        return { edge: came.edge, from: came.from, to: at, reverse: false, tone: "duplicate", count: 1, stops: true };
      }
      const { from, to, edge } = hop;
      if (!from || !to || from === to || !topology.nodes.has(from) || !topology.nodes.has(to)) return null;
      const drawn = edge !== null && topology.edges.has(edge) ? edge : null;
      if (entry.kind === "delivery" && entry.messageId) {
        if (deliveredAlong.size >= MAX_REMEMBERED) deliveredAlong.delete(deliveredAlong.keys().next().value!);
        deliveredAlong.set(`${entry.messageId}>${to}`, { edge: drawn, from });
      }
      const flavor = drawn ? topology.edges.get(drawn)!.flavor : undefined;
      return { edge: drawn, from, to, reverse: drawn ? hop.reverse : false, tone: toneOf(entry.kind, flavor), count: 1, stops: false };
    },
  };
}

const keyOf = (token: TokenSpec) => `${token.edge ?? `${token.from}>${token.to}`}|${token.reverse ? "r" : "f"}|${token.tone}`;

/** One token per path and tone: a burst along the same edge becomes one token with a count. Duplicates stay apart (each stops with its badge). */
export function mergeTokens(tokens: readonly TokenSpec[]): TokenSpec[] {
  const merged = new Map<string, TokenSpec>();
  const out: TokenSpec[] = [];
  for (const token of tokens) {
    if (token.stops) {
      out.push(token);
      continue;
    }
    const key = keyOf(token);
    const found = merged.get(key);
    if (found) found.count += token.count;
    else {
      const copy = { ...token };
      merged.set(key, copy);
      out.push(copy);
    }
  }
  return out;
}

export { keyOf as tokenKey };
