"use client";
// The hops of the current moment under the canvas, in trace order: what each hop did (append,
// publish, delivery, retry, dead letter, saga step…), as the canvas animates them.
import { memo } from "react";
import type { Hop } from "./types";

export const HopsStrip = memo(function HopsStrip({ hops, position }: { hops: Hop[] | null; position: number }) {
  return (
    <section className="hops-strip" aria-label="Hops of this moment">
      <h3>
        {position === 0 ? "Before the first event" : `Moment of event #${position}`}
        {hops && <span className="count">{hops.length} hop{hops.length === 1 ? "" : "s"}</span>}
      </h3>
      <ol className="hops" data-testid="hops">
        {hops?.map((hop) => (
          <li key={hop.seq} className={`hop hop-${hop.kind}`}>
            <span className="hop-kind">{hop.kind}</span>
            <span className="hop-summary">{hop.summary}</span>
            <span className="muted small mono">t={hop.at}</span>
          </li>
        ))}
        {hops?.length === 0 && <li className="muted small">No hops recorded for this moment.</li>}
        {!hops && <li className="muted small">…</li>}
      </ol>
    </section>
  );
});
