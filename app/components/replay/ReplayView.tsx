"use client";
// `/flows/[id]/runs/[runId]`: time travel over one run. The timeline bar drives the position; the
// canvas, the event log, the state panels, the change of the current event and the causal chain
// all follow it, and the current event is highlighted in each. A what-if fork opens beside its
// parent (`?compare=<parent>`), the two final worlds side by side.
import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { CausalChainPanel } from "./CausalChainPanel";
import { ChangePanel } from "./ChangePanel";
import { ComparePanel } from "./ComparePanel";
import { EventLog } from "./EventLog";
import { ForkDialog } from "./ForkDialog";
import { HopsStrip } from "./HopsStrip";
import { ReplayCanvas } from "./ReplayCanvas";
import { RunHeader } from "./RunHeader";
import { StatePanels } from "./StatePanels";
import { TimelineBar } from "./TimelineBar";
import type { OpenedRun, TimelineEvent, WorldPart } from "./types";
import { WORLD_PARTS } from "./types";
import { usePlayback, usePlayer } from "./usePlayer";
import { useWorldAt } from "./useWorldAt";
import "./replay.css";

type Tab = "state" | "change" | "chain";
const TABS: { id: Tab; label: string }[] = [
  { id: "state", label: "State" },
  { id: "change", label: "Change" },
  { id: "chain", label: "Causal chain" },
];
const HOPS_DELAY_MS = 90;

export function ReplayView({ flowId, runId }: { flowId: string; runId: string }) {
  const trpc = useTRPC();
  const opened = useQuery({
    ...trpc.timeline.open.queryOptions({ runId }, { retry: false }),
    refetchInterval: (query) => (query.state.data?.run.status === "running" ? 2_000 : false),
  });
  if (opened.isPending) return <p className="muted pad">Opening the run…</p>;
  if (opened.error) return <p role="alert" className="error pad">{opened.error.message}</p>;
  return <ReplayBody key={runId} flowId={flowId} opened={opened.data} />;
}

function useSettled<T>(value: T, ms: number, immediate: boolean): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (immediate) {
      setSettled(value);
      return;
    }
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms, immediate]);
  return immediate ? value : settled;
}

function ReplayBody({ flowId, opened }: { flowId: string; opened: OpenedRun }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const search = useSearchParams();
  const runId = opened.run.id;
  const length = opened.length;
  const compareWith = search.get("compare");
  const at = search.get("at");

  const [tab, setTab] = useState<Tab>("state");
  const [openPanels, setOpenPanels] = useState<readonly WorldPart[]>(WORLD_PARTS);
  const parts = useMemo(() => (tab === "state" ? openPanels : []), [tab, openPanels]);
  const [selected, setSelected] = useState<string | null>(null);
  const [marks, setMarks] = useState<number[] | null>(null);
  const [forking, setForking] = useState(false);
  /** A hop of the current moment the world is shown right after (null: the whole moment). */
  const [hop, setHop] = useState<number | null>(null);

  const timeOf = useCallback(
    async (index: number) => {
      if (index < 1 || index > length) return null;
      const { event } = await queryClient.fetchQuery({ ...trpc.timeline.diffAt.queryOptions({ runId, index }), staleTime: Infinity });
      return event?.recordedAt ?? null;
    },
    [queryClient, trpc, runId, length],
  );
  const player = usePlayer({ length, initial: at === null ? length : Number(at) || 0 });
  const { shown, error, follow } = useWorldAt(runId, player.position, parts, opened.run.status === "running" ? length : null);
  usePlayback(player, length, shown?.index ?? null, timeOf);
  const current = shown && shown.index === player.position ? shown : null;
  const event = shown?.event ?? null;

  const hopsIndex = useSettled(player.position, HOPS_DELAY_MS, player.playing);
  const growing = opened.run.status === "running";
  const hops = useQuery({ ...trpc.timeline.hopsAt.queryOptions({ runId, index: hopsIndex }), staleTime: growing && hopsIndex >= length ? 0 : Infinity, enabled: hopsIndex === player.position });
  useEffect(() => setHop(null), [player.position]);
  // No query while no hop is chosen (skipToken): a key per position would fill the cache during a drag.
  const partway = useQuery({
    ...trpc.timeline.stateAt.queryOptions(hop !== null && player.position > 0 ? { runId, index: player.position, hop, parts: [...openPanels] } : skipToken),
    staleTime: Infinity,
  });
  const chosenHop = hop === null ? undefined : hops.data?.find((entry) => entry.seq === hop);

  const onTogglePanel = useCallback((part: WorldPart, open: boolean) => {
    setOpenPanels((panels) => (open ? (panels.includes(part) ? panels : [...panels, part]) : panels.filter((p) => p !== part)));
  }, []);
  const { seek, pause } = player;
  /** The position and, when its diffs are loaded, the world there, in one render. */
  const seekTo = useCallback((index: number) => follow(seek(index)), [seek, follow]);
  const onChoose = useCallback((chosen: TimelineEvent) => {
    seekTo(chosen.index);
    setSelected(chosen.eventId);
  }, [seekTo]);
  const onWhatIf = useCallback(() => {
    pause();
    setForking(true);
  }, [pause]);
  const chainOf = selected ?? (event && event.index === player.position ? event.eventId : null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest("input, select, textarea, [role=dialog]") || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "ArrowLeft") player.step(-1);
      else if (e.key === "ArrowRight") player.step(1);
      else if (e.key === "Home") player.toStart();
      else if (e.key === "End") player.toEnd();
      else if (e.key === " " && !target.closest("button, a, summary")) player.toggle();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [player]);

  return (
    <div className="replay">
      <RunHeader opened={opened} onWhatIf={onWhatIf} />
      <TimelineBar player={player} length={length} event={current?.event ?? (shown?.index === player.position ? event : null)} marks={marks ?? []} loading={!current} onSeek={seekTo} />
      {error && <p role="alert" className="error pad-s">{error}</p>}
      {compareWith && <ComparePanel flowId={flowId} leftRunId={compareWith} rightRunId={runId} onClose={() => router.replace(`/flows/${encodeURIComponent(flowId)}/runs/${encodeURIComponent(runId)}`)} />}
      <div className="replay-body">
        <EventLog runId={runId} flow={opened.flow} position={player.position} selected={selected} onChoose={onChoose} onMatches={setMarks} />
        <div className="replay-center">
          <ReplayCanvas flow={opened.flow} flowId={flowId} event={player.position === 0 ? null : event} hops={hops.data && hopsIndex === player.position ? hops.data : null} budgetMs={player.stepMs} />
          <HopsStrip hops={hops.data && hopsIndex === player.position ? hops.data : null} position={player.position} chosen={hop} onChoose={setHop} />
        </div>
        <aside className="replay-right" aria-label="At this position">
          <div className="tabs" role="tablist">
            {TABS.map((t) => (
              <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? "tab is-active" : "tab"} onClick={() => setTab(t.id)}>
                {t.label}
              </button>
            ))}
          </div>
          <div className="tab-body" role="tabpanel">
            {tab === "state" && hop !== null && (
              <p className="partway-banner" data-testid="partway-banner">
                <span>
                  Part-way through event #{player.position}&apos;s moment, right after <span className="mono">{chosenHop?.kind ?? `hop ${hop}`}</span>
                  {partway.isFetching ? " …" : ""}
                </span>
                <button type="button" className="link small" onClick={() => setHop(null)}>Whole moment</button>
              </p>
            )}
            {tab === "state" && partway.error && <p role="alert" className="error small">{partway.error.message}</p>}
            {tab === "state" && shown && (
              <StatePanels
                index={shown.index}
                world={hop !== null && partway.data ? partway.data.world : shown.world}
                diff={hop !== null || shown.index === 0 ? null : shown.diff}
                open={openPanels}
                onToggle={onTogglePanel}
              />
            )}
            {tab === "state" && !shown && <p className="muted small">Loading…</p>}
            {tab === "change" && <ChangePanel index={player.position} event={current?.event ?? null} diff={current?.diff ?? null} />}
            {tab === "chain" && <CausalChainPanel runId={runId} messageId={chainOf} position={player.position} onJump={seekTo} />}
          </div>
        </aside>
      </div>
      {forking && <ForkDialog runId={runId} flowId={flowId} flow={opened.flow} position={player.position} event={current?.event ?? null} onClose={() => setForking(false)} />}
    </div>
  );
}
