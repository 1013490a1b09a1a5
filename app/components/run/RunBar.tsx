"use client";
// The run bar above the canvas: play (live mode), pause, step one hop, run to idle, speed ×0.25 to
// ×16, seed, live or fast mode, reset (a new recorded run); what the open run is (flow version,
// seed, commands, clock) and how the trace feed keeps up, with a link to its replay (time travel);
// the run's notices. A `?run=<id>` in the address (the replay view's link back) reopens that run.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useRun, useRunLayer } from "./runContext";
import { clockNow } from "./runStore";
import { useRunActions, type StartOptions } from "./useRunActions";

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;

export function RunBar({ onTour }: { onTour: (() => void) | null }) {
  const actions = useRunActions();
  const record = useRun((s) => s.record);
  const state = useRun((s) => s.state);
  const busy = useRun((s) => s.busy);
  const [mode, setMode] = useState<"live" | "fast">("live");
  const [seedText, setSeedText] = useState("");
  const [speed, setSpeed] = useState(1);

  // Follow the open run's settings.
  useEffect(() => {
    if (!record) return;
    setMode(record.mode);
    setSeedText(String(record.seed));
  }, [record]);
  useEffect(() => {
    if (state) setSpeed(state.speed);
  }, [state]);

  const seed = /^\d+$/.test(seedText.trim()) ? Number(seedText.trim()) : undefined;
  const seedInvalid = seedText.trim() !== "" && seed === undefined;
  const options = (): Omit<StartOptions, "play"> => ({ mode, ...(seed === undefined ? {} : { seed }), ...(mode === "live" ? { speed } : {}) });
  const fast = record?.mode === "fast";
  const playing = state?.playing ?? false;

  const asked = useSearchParams().get("run");
  const { reopen } = actions;
  useEffect(() => {
    if (asked) void reopen(asked);
  }, [asked, reopen]);

  return (
    <div className="run-bar" role="toolbar" aria-label="Run bar" data-testid="run-bar">
      <RunStatus />
      <div className="run-controls">
        {mode === "live" ? (
          <>
            <button type="button" className="small" disabled={busy || playing || seedInvalid} onClick={() => void actions.play(options())} aria-label="Play">▶ Play</button>
            <button type="button" className="small secondary" disabled={busy || !playing || fast} onClick={() => void actions.pause()} aria-label="Pause">Pause</button>
            <button type="button" className="small secondary" disabled={busy || playing || seedInvalid} onClick={() => void actions.step(options())} aria-label="Step one hop">Step</button>
            <button type="button" className="small secondary" disabled={busy || playing || !record || fast} onClick={() => void actions.settle()} title="Do everything that is due now, jumping the clock ahead">To idle</button>
          </>
        ) : (
          <button type="button" className="small" disabled={busy || seedInvalid} onClick={() => void actions.reset({ ...options(), mode: "fast" })}>
            Start fast run
          </button>
        )}
        <label className="run-field">
          Speed
          <select
            aria-label="Speed"
            value={speed}
            disabled={mode === "fast"}
            onChange={(event) => {
              const next = Number(event.target.value);
              setSpeed(next);
              void actions.setSpeed(next);
            }}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>×{s}</option>
            ))}
          </select>
        </label>
        <label className="run-field">
          Seed
          <input aria-label="Seed" className="run-seed" inputMode="numeric" placeholder="random" value={seedText} aria-invalid={seedInvalid} onChange={(event) => setSeedText(event.target.value)} />
        </label>
        <label className="run-field">
          Mode
          <select aria-label="Mode" value={mode} onChange={(event) => setMode(event.target.value === "fast" ? "fast" : "live")}>
            <option value="live">Live (watch)</option>
            <option value="fast">Fast (scripts)</option>
          </select>
        </label>
        <button type="button" className="small secondary" disabled={busy || seedInvalid || !record} onClick={() => void actions.reset(options())} title="Finish this run (its recording stays) and start a new one">
          ↺ Reset
        </button>
        {record && (
          <Link className="button small secondary run-replay-link" href={`/flows/${encodeURIComponent(record.flowId)}/runs/${encodeURIComponent(record.id)}`} title="Scrub this run's log back and forth (time travel)" data-testid="run-replay-link">
            Replay
          </Link>
        )}
        {onTour && (
          <button type="button" className="small secondary" onClick={onTour} data-testid="open-tour">
            Guided tour
          </button>
        )}
      </div>
      <RunNotice />
    </div>
  );
}

function RunStatus() {
  const record = useRun((s) => s.record);
  const state = useRun((s) => s.state);
  if (!record || !state) {
    return (
      <div className="run-status" data-testid="run-status" data-state="none">
        <span className="run-dot" /> No run yet: press Play, Step or dispatch a command.
      </div>
    );
  }
  const label = record.mode === "fast" ? "Fast run" : state.playing ? "Playing" : "Paused";
  return (
    <div className="run-status" data-testid="run-status" data-state={record.mode === "fast" ? "fast" : state.playing ? "playing" : "paused"} data-run-id={record.id}>
      <span className={`run-dot${state.playing ? " is-live" : ""}`} />
      <strong>{label}</strong>
      <span className="muted small">
        run {record.id.slice(-6)} · flow v{record.flowVersion} · seed {record.seed} · {state.commands} command{state.commands === 1 ? "" : "s"} · <RunClock />
      </span>
      <FeedStatus />
    </div>
  );
}

function RunClock() {
  const anchor = useRun((s) => s.anchor);
  const [wall, setWall] = useState(() => performance.now());
  useEffect(() => {
    if (!anchor.playing) return;
    const timer = setInterval(() => setWall(performance.now()), 250);
    return () => clearInterval(timer);
  }, [anchor.playing]);
  return <span data-testid="run-clock">t = {(clockNow(anchor, Math.max(wall, anchor.wall)) / 1000).toFixed(2)} s</span>;
}

function FeedStatus() {
  const feed = useRun((s) => s.feed);
  return (
    <span className="muted small run-feed" data-testid="run-feed" data-received={feed.received} data-shown={feed.shown} data-queued={feed.queued}>
      · trace {feed.shown.toLocaleString("en")}{feed.queued > 0 ? ` (${feed.queued.toLocaleString("en")} queued)` : ""}
    </span>
  );
}

function RunNotice() {
  const notice = useRun((s) => s.notice);
  const { store } = useRunLayer();
  if (!notice) return null;
  return (
    <div className={`run-notice run-notice-${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"} data-testid="run-notice" key={notice.serial}>
      <span>{notice.text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => store.getState().dismissNotice()}>×</button>
    </div>
  );
}
