"use client";
// The timeline bar: jump to start, step back, play/pause, step forward, jump to end, the speed,
// the original-timing switch, the slider over the global log (with the filter's matches marked on
// its track) and where it stands. Keys: ← → step, Home/End jump, Space plays or pauses.
import { memo } from "react";
import { SPEEDS, type Player } from "./usePlayer";
import type { TimelineEvent } from "./types";

export interface TimelineBarProps {
  player: Player;
  length: number;
  event: TimelineEvent | null;
  /** Event indexes the filter matched (marked on the track). */
  marks: readonly number[];
  loading: boolean;
  /** Moves the position (the slider's input). */
  onSeek(index: number): void;
}

/** Transport glyphs drawn as SVG (fonts rarely have ⏮ ⏭). */
const ICONS = {
  start: "M5 4h2v16H5zM20 4v16L8 12z",
  back: "M18 4v16L6 12z",
  play: "M7 4v16l13-8z",
  pause: "M6 4h4v16H6zM14 4h4v16h-4z",
  forward: "M6 4v16l12-8z",
  end: "M17 4h2v16h-2zM4 4v16l12-8z",
} as const;

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
}

export const TimelineBar = memo(function TimelineBar({ player, length, event, marks, loading, onSeek }: TimelineBarProps) {
  const { position } = player;
  return (
    <div className="timeline-bar" role="group" aria-label="Timeline">
      <div className="transport">
        <button type="button" className="secondary icon" aria-label="Jump to start" title="Jump to start (Home)" onClick={player.toStart} disabled={position === 0}><Icon name="start" /></button>
        <button type="button" className="secondary icon" aria-label="Step back" title="Step back (←)" onClick={() => player.step(-1)} disabled={position === 0}><Icon name="back" /></button>
        <button type="button" className="icon play" aria-label={player.playing ? "Pause" : "Play"} title="Play or pause (Space)" onClick={player.toggle} disabled={length === 0}>
          <Icon name={player.playing ? "pause" : "play"} />
        </button>
        <button type="button" className="secondary icon" aria-label="Step forward" title="Step forward (→)" onClick={() => player.step(1)} disabled={position >= length}><Icon name="forward" /></button>
        <button type="button" className="secondary icon" aria-label="Jump to end" title="Jump to end (End)" onClick={player.toEnd} disabled={position >= length}><Icon name="end" /></button>
        <label className="speed">
          <span className="visually-hidden">Speed</span>
          <select aria-label="Speed" value={player.speed} onChange={(e) => player.setSpeed(Number(e.target.value))}>
            {SPEEDS.map((speed) => <option key={speed} value={speed}>×{speed}</option>)}
          </select>
        </label>
        <label className="timing" title="Wait between events as long as the run did (divided by the speed; gaps over 3 s are shortened)">
          <input type="checkbox" checked={player.originalTiming} onChange={(e) => player.setOriginalTiming(e.target.checked)} />
          Original timing
        </label>
      </div>
      <div className="scrubber">
        <input
          type="range"
          min={0}
          max={Math.max(length, 0)}
          step={1}
          value={position}
          aria-label="Timeline position"
          aria-valuetext={`Event ${position} of ${length}`}
          data-testid="timeline-slider"
          onChange={(e) => onSeek(Number(e.target.value))}
        />
        <div className="scrubber-marks" aria-hidden="true">
          {length > 0 && marks.map((index) => <span key={index} className="mark" style={{ left: `${(index / length) * 100}%` }} />)}
        </div>
      </div>
      <div className="position" aria-live="polite">
        <strong data-testid="timeline-position">{position === 0 ? "Start" : `Event ${position}`}</strong>
        <span className="muted"> of {length}</span>
        <span className={`position-type mono${loading ? " is-loading" : ""}`} data-testid="timeline-event-type">
          {position === 0 ? "before the first event" : event?.index === position ? event.type : "…"}
        </span>
      </div>
    </div>
  );
});
