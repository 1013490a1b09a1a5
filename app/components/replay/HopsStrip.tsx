"use client";
// The hops of the current moment under the canvas, in trace order: what each hop did (append,
// publish, delivery, retry, dead letter, saga step…), as the canvas animates them. Choosing a hop
// shows the world part-way through the moment, right after that hop (outbox rows waiting for the
// relay, a retry just scheduled); choosing it again goes back to the whole moment.
import { memo } from "react";
import type { Hop } from "./types";

export interface HopsStripProps {
  hops: Hop[] | null;
  position: number;
  /** The hop the world is shown after, or null for the whole moment. */
  chosen: number | null;
  onChoose(seq: number | null): void;
}

export const HopsStrip = memo(function HopsStrip({ hops, position, chosen, onChoose }: HopsStripProps) {
  return (
    <section className="hops-strip" aria-label="Hops of this moment">
      <h3>
        {position === 0 ? "Before the first event" : `Moment of event #${position}`}
        {hops && <span className="count">{hops.length} hop{hops.length === 1 ? "" : "s"}</span>}
        {position > 0 && hops && hops.length > 0 && <span className="muted small">choose a hop to see the world right after it</span>}
      </h3>
      <ol className="hops" data-testid="hops">
        {hops?.map((hop) => (
          <li key={hop.seq}>
            <button
              type="button"
              className={`hop hop-${hop.kind}${hop.seq === chosen ? " is-chosen" : ""}`}
              aria-pressed={hop.seq === chosen}
              disabled={position === 0}
              onClick={() => onChoose(hop.seq === chosen ? null : hop.seq)}
            >
              <span className="hop-kind">{hop.kind}</span>
              <span className="hop-summary">{hop.summary}</span>
              <span className="muted small mono">t={hop.at}</span>
            </button>
          </li>
        ))}
        {hops?.length === 0 && <li className="muted small">No hops recorded for this moment.</li>}
        {!hops && <li className="muted small">…</li>}
      </ol>
    </section>
  );
});
