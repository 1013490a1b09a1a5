// The causal chain of a message: its ancestors (following causationId up to the
// first command) and its descendants (every message it caused, transitively),
// built from the trace, which records every message's ids.

import type { TraceLog } from "./trace";
import type { TraceEntry } from "./types";

export interface ChainLink {
  messageId: string;
  /** The message that caused this one; null for a flow's first message. */
  causationId: string | null;
  correlationId: string;
  /** Kind of the first trace entry of the message (e.g. "command-accepted", "append"). */
  kind: string;
  summary: string;
  at: number;
  /** Distance from the queried message (1 = parent or child). */
  depth: number;
}

export interface CausalChain {
  message: ChainLink;
  /** Nearest first: parent, grandparent, ... up to the root. */
  ancestors: ChainLink[];
  /** Breadth-first: children, then grandchildren, ... */
  descendants: ChainLink[];
}

/** Undefined when the message id appears nowhere in the trace. */
export function causalChain(trace: TraceLog, messageId: string): CausalChain | undefined {
  const first = trace.byMessage(messageId).find((entry) => entry.correlationId !== null);
  if (!first || first.correlationId === null) return undefined;

  const links = new Map<string, Omit<ChainLink, "depth">>();
  const children = new Map<string, string[]>();
  for (const entry of trace.byCorrelation(first.correlationId)) addLink(links, children, entry);

  const at = (id: string, depth: number): ChainLink | undefined => {
    const link = links.get(id);
    return link && { ...link, depth };
  };

  const ancestors: ChainLink[] = [];
  const seen = new Set([messageId]);
  for (let parent = links.get(messageId)?.causationId ?? null; parent !== null && !seen.has(parent); ) {
    seen.add(parent);
    const link = at(parent, ancestors.length + 1);
    if (!link) break;
    ancestors.push(link);
    parent = link.causationId;
  }

  const descendants: ChainLink[] = [];
  let frontier = [messageId];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const child of children.get(id) ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        descendants.push(at(child, depth)!);
        next.push(child);
      }
    }
    frontier = next;
  }
  return { message: at(messageId, 0)!, ancestors, descendants };
}

function addLink(links: Map<string, Omit<ChainLink, "depth">>, children: Map<string, string[]>, entry: TraceEntry): void {
  if (entry.messageId === null || entry.correlationId === null || links.has(entry.messageId)) return;
  const causationId = entry.causationId === entry.messageId ? null : entry.causationId;
  links.set(entry.messageId, {
    messageId: entry.messageId,
    causationId,
    correlationId: entry.correlationId,
    kind: entry.kind,
    summary: entry.summary,
    at: entry.at,
  });
  if (causationId !== null) {
    const siblings = children.get(causationId);
    if (siblings) siblings.push(entry.messageId);
    else children.set(causationId, [entry.messageId]);
  }
}
