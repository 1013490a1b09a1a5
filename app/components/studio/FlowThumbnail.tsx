"use client";
// A flow's preview on its gallery card: node boxes coloured by kind and edges as lines.
import type { Thumbnail } from "@/server/flow/graphThumbnail";

export function FlowThumbnail({ thumbnail, name }: { thumbnail: Thumbnail | null; name: string }) {
  if (!thumbnail) {
    return <div className="thumbnail thumbnail-empty" data-testid="thumbnail" aria-hidden>empty canvas</div>;
  }
  const pad = 20;
  return (
    <svg className="thumbnail" data-testid="thumbnail" role="img" aria-label={`Preview of ${name}`}
      viewBox={`${-pad} ${-pad} ${thumbnail.width + 2 * pad} ${thumbnail.height + 2 * pad}`} preserveAspectRatio="xMidYMid meet">
      {thumbnail.lines.map((l, i) => (
        <line key={i} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} className={`thumb-edge thumb-edge-${l.flavor}`} />
      ))}
      {thumbnail.boxes.map((b, i) => (
        <rect key={i} x={b.x} y={b.y} width={b.w} height={b.h} rx={10} className={`thumb-node kind-${b.kind}`} />
      ))}
    </svg>
  );
}
