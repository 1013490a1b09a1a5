"use client";
// The replay's canvas: the studio's own Canvas on a read-only studio store of the run's flow (no
// second canvas), with the current moment drawn over it: the event's node and its aggregate
// highlighted at once, then, when the moment's hops arrive, tokens travelling along their edges in
// order (backwards for redrives and retries; compensations, retries and dead letters in their own
// colours). Highlights are a generated stylesheet keyed by React Flow's data-id attributes, so
// scrubbing never re-renders the nodes.
import { ReactFlowProvider, ViewportPortal } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { flowToGraph } from "@/server/flow/graph";
import type { Flow } from "@/server/flow/schema";
import { Canvas } from "../studio/Canvas";
import { createStudioStore } from "../studio/store";
import { StudioContext } from "../studio/studioContext";
import type { Hop, TimelineEvent } from "./types";

export interface ReplayCanvasProps {
  flow: Flow;
  flowId: string;
  event: TimelineEvent | null;
  /** The hops of the event's moment (null while they load). */
  hops: Hop[] | null;
  /** Milliseconds the tokens of one moment may take (the player's step time). */
  budgetMs: number;
}

/** The studio's canvas, rendered once: the position only changes the highlight stylesheet and the tokens. */
const StudioCanvas = memo(Canvas);

const noNewIds = () => {
  throw new Error("The replay canvas is read-only.");
};

export function ReplayCanvas({ flow, flowId, event, hops, budgetMs }: ReplayCanvasProps) {
  const [store] = useState(() => createStudioStore({ flowId, flow, readOnly: true, newId: noNewIds }));
  const graph = useMemo(() => flowToGraph(flow), [flow]);
  const aggregateIds = useMemo(() => new Map(flow.aggregates.map((aggregate) => [aggregate.name, aggregate.id])), [flow]);

  const strong = new Set<string>();
  const eventNode = event ? graph.eventNodes.get(event.type) : undefined;
  if (eventNode) strong.add(eventNode);
  const aggregateNode = event?.aggregate ? aggregateIds.get(event.aggregate) : undefined;
  if (aggregateNode) strong.add(aggregateNode);
  const touched = new Set<string>();
  const edges = new Set<string>();
  for (const hop of hops ?? []) {
    if (hop.hop?.from) touched.add(hop.hop.from);
    if (hop.hop?.to) touched.add(hop.hop.to);
    if (hop.hop?.edge) edges.add(hop.hop.edge);
  }

  const css = highlightCss([...strong], [...touched].filter((id) => !strong.has(id)), [...edges]);
  return (
    <StudioContext.Provider value={store}>
      <ReactFlowProvider>
        <div className="replay-canvas" data-testid="replay-canvas" data-current-nodes={[...strong].join(" ")}>
          <style>{css}</style>
          <StudioCanvas />
          {event && hops && <Tokens key={`${event.index}`} hops={hops} budgetMs={budgetMs} />}
        </div>
      </ReactFlowProvider>
    </StudioContext.Provider>
  );
}

function highlightCss(strong: string[], touched: string[], edges: string[]): string {
  const node = (id: string) => `.replay-canvas .react-flow__node[data-id="${CSS.escape(id)}"] .node`;
  const edge = (id: string) => `.replay-canvas .react-flow__edge[data-id="${CSS.escape(id)}"] .react-flow__edge-path`;
  return [
    strong.length > 0 && `${strong.map(node).join(",")}{box-shadow:0 0 0 3px var(--focus),0 6px 18px rgba(245,159,0,.35);}`,
    touched.length > 0 && `${touched.map(node).join(",")}{box-shadow:0 0 0 2px rgba(59,91,219,.55);}`,
    edges.length > 0 && `${edges.map(edge).join(",")}{stroke-width:3px;stroke-opacity:1;filter:drop-shadow(0 0 2px rgba(59,91,219,.6));}`,
  ]
    .filter(Boolean)
    .join("\n");
}

const TOKEN_MS = 650;

/** The colour class of a hop's token, by the trace kind that made it. */
function tokenClass(kind: string, reverse: boolean): string {
  if (kind.includes("compensat")) return "token-compensation";
  if (kind.includes("dead")) return "token-dead";
  if (kind.includes("retry") || kind.includes("failure") || reverse) return "token-retry";
  if (kind.startsWith("command") || kind === "service-call") return "token-command";
  return "token-event";
}

/** One token per hop that travels an edge, one after another within the moment's budget. */
const Tokens = memo(function Tokens({ hops, budgetMs }: { hops: Hop[]; budgetMs: number }) {
  const travelling = hops.filter((hop) => hop.hop?.edge);
  const slot = travelling.length > 0 ? Math.max(120, Math.min(TOKEN_MS, budgetMs / travelling.length)) : 0;
  return (
    <ViewportPortal>
      <svg className="replay-tokens" aria-hidden="true">
        {travelling.map((hop, i) => (
          <Token key={hop.seq} edge={hop.hop!.edge!} reverse={hop.hop!.reverse} delayMs={i * slot} durationMs={slot} className={tokenClass(hop.kind, hop.hop!.reverse)} />
        ))}
      </svg>
    </ViewportPortal>
  );
});

/** A token: hidden until its turn, then travels the edge once and fades out at its end. */
function Token({ edge, reverse, delayMs, durationMs, className }: { edge: string; reverse: boolean; delayMs: number; durationMs: number; className: string }) {
  const [path, setPath] = useState<string | null>(null);
  const [phase, setPhase] = useState<"waiting" | "moving" | "done">("waiting");
  const motion = useRef<SVGAnimateMotionElement>(null);
  useLayoutEffect(() => {
    const element = document.querySelector(`.replay-canvas .react-flow__edge[data-id="${CSS.escape(edge)}"] .react-flow__edge-path`);
    setPath(element?.getAttribute("d") ?? null);
  }, [edge]);
  useEffect(() => {
    if (!path) return;
    const start = setTimeout(() => {
      motion.current?.beginElement();
      setPhase("moving");
    }, delayMs);
    const end = setTimeout(() => setPhase("done"), delayMs + durationMs + 200);
    return () => {
      clearTimeout(start);
      clearTimeout(end);
    };
  }, [path, delayMs, durationMs]);
  if (!path) return null;
  return (
    <circle r={7} className={`replay-token ${className} token-${phase}`}>
      <animateMotion ref={motion} begin="indefinite" dur={`${durationMs}ms`} fill="freeze" path={path} {...(reverse ? { keyPoints: "1;0", keyTimes: "0;1", calcMode: "linear" } : {})} />
    </circle>
  );
}
