"use client";
// The global log beside the canvas. Unfiltered, it shows the events around the position; filtered
// (aggregate, event type, correlation id, text, typed as a person types, debounced) it pages
// through the matches. The current event is highlighted and kept in view; choosing an event moves
// the timeline there and selects its message for the causal chain.
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import type { Flow } from "@/server/flow/schema";
import { useTRPC } from "../../lib/trpc";
import type { TimelineEvent } from "./types";

export interface LogFilter {
  aggregate?: string;
  types?: string[];
  correlationId?: string;
  text?: string;
}

const WINDOW = 40;
const SNAP = 20;
const PAGE = 100;
const DEBOUNCE_MS = 200;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const LogRow = memo(function LogRow({ item, current, selected, onChoose }: { item: TimelineEvent; current: boolean; selected: boolean; onChoose(event: TimelineEvent): void }) {
  return (
    <li data-index={item.index}>
      <button
        type="button"
        className={`log-row${current ? " is-current" : ""}${selected ? " is-selected" : ""}`}
        aria-current={current ? "step" : undefined}
        onClick={() => onChoose(item)}
      >
        <span className="log-index mono">#{item.index}</span>
        <span className="log-type mono">{item.type}</span>
        <span className="log-stream mono muted">{item.streamId}</span>
      </button>
    </li>
  );
});

export interface EventLogProps {
  runId: string;
  flow: Flow;
  position: number;
  selected: string | null;
  onChoose(event: TimelineEvent): void;
  /** The matches loaded so far (null when no filter is set). */
  onMatches(indexes: number[] | null): void;
}

export const EventLog = memo(function EventLog({ runId, flow, position, selected, onChoose, onMatches }: EventLogProps) {
  const trpc = useTRPC();
  const [aggregate, setAggregate] = useState("");
  const [type, setType] = useState("");
  const [correlationId, setCorrelationId] = useState("");
  const [text, setText] = useState("");
  const typed = useDebounced({ correlationId: correlationId.trim(), text: text.trim() }, DEBOUNCE_MS);
  const filter: LogFilter = useMemo(
    () => ({
      ...(aggregate ? { aggregate } : {}),
      ...(type ? { types: [type] } : {}),
      ...(typed.correlationId ? { correlationId: typed.correlationId } : {}),
      ...(typed.text ? { text: typed.text } : {}),
    }),
    [aggregate, type, typed],
  );
  const filtered = Object.keys(filter).length > 0;

  const eventTypes = useMemo(
    () => [...new Set([...flow.aggregates.flatMap((a) => a.events.map((e) => e.type)), ...flow.services.flatMap((s) => s.operations.flatMap((o) => [o.success.event, o.failure.event]))])].sort(),
    [flow],
  );

  // While the timeline is dragged, the window follows once the position rests (its requests would compete with the state's).
  const resting = useDebounced(position, DEBOUNCE_MS);
  const from = Math.max(0, Math.floor((resting - WINDOW / 2) / SNAP) * SNAP);
  const around = useQuery({
    ...trpc.timeline.events.queryOptions({ runId, fromIndex: from, limit: WINDOW + SNAP }),
    enabled: !filtered,
    placeholderData: keepPreviousData,
    staleTime: 2_000,
  });
  const matches = useInfiniteQuery({
    ...trpc.timeline.events.infiniteQueryOptions({ runId, filter, limit: PAGE }, { getNextPageParam: (page) => page.nextCursor }),
    enabled: filtered,
  });

  const items = filtered ? (matches.data?.pages.flatMap((page) => page.items) ?? []) : (around.data?.items ?? []);
  const matchIndexes = useMemo(() => (filtered ? items.map((item) => item.index) : null), [filtered, items]);
  useEffect(() => onMatches(matchIndexes), [matchIndexes, onMatches]);

  const list = useRef<HTMLOListElement>(null);
  // Kept in view once the position rests (scrolling forces a layout, too dear on every step of a drag).
  useEffect(() => {
    const row = list.current?.querySelector<HTMLElement>(`[data-index="${resting}"]`);
    row?.scrollIntoView({ block: "nearest" });
  }, [resting, items]);

  const clear = () => {
    setAggregate("");
    setType("");
    setCorrelationId("");
    setText("");
  };
  const searching = filtered && (matches.isFetching || matches.hasNextPage);

  return (
    <section className="event-log" aria-label="Event log">
      <div className="panel-head">
        <h2>Event log</h2>
        {filtered && <button type="button" className="link small" onClick={clear}>Clear filters</button>}
      </div>
      <div className="log-filters">
        <input type="search" placeholder="Search type, stream, id or data…" aria-label="Search events" value={text} onChange={(e) => setText(e.target.value)} />
        <select aria-label="Aggregate" value={aggregate} onChange={(e) => setAggregate(e.target.value)}>
          <option value="">All aggregates</option>
          {flow.aggregates.map((a) => <option key={a.id} value={a.name}>{a.name}</option>)}
        </select>
        <select aria-label="Event type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">All event types</option>
          {eventTypes.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <input placeholder="Correlation id" aria-label="Correlation id" value={correlationId} onChange={(e) => setCorrelationId(e.target.value)} />
      </div>
      {filtered && (
        <p className="log-summary muted small" data-testid="log-summary">
          {matches.isPending ? "Searching…" : `${items.length}${matches.hasNextPage ? "+" : ""} matching event${items.length === 1 ? "" : "s"}`}
        </p>
      )}
      {(filtered ? matches.error : around.error) && <p role="alert" className="error small">{(filtered ? matches.error : around.error)!.message}</p>}
      <ol className="log-list" ref={list} data-testid="event-log">
        {items.map((item) => <LogRow key={item.index} item={item} current={item.index === position} selected={item.eventId === selected} onChoose={onChoose} />)}
        {items.length === 0 && !(filtered ? matches.isPending : around.isPending) && <li className="muted small pad-s">{filtered ? "No event matches." : "No events in this run yet."}</li>}
      </ol>
      {filtered && matches.hasNextPage && (
        <button type="button" className="secondary small" disabled={matches.isFetchingNextPage} onClick={() => void matches.fetchNextPage()}>
          {searching && matches.isFetchingNextPage ? "Searching…" : "Search further"}
        </button>
      )}
    </section>
  );
});
