// Event index (1 = the run's first event) ↔ global position, counted from the
// nearest keyframe so neither direction scans the whole log once keyframes exist.

import type { KeyframeMeta } from "./keyframeStore";
import type { LogReader } from "./logReader";

export interface Ordinals {
  /** Index of the run's event at `position` (or of the last event before it). */
  indexOf(position: number): number;
  /** Position of event `index` (0 for index 0); undefined past the end. */
  positionOf(index: number): number | undefined;
}

export function createOrdinals(reader: LogReader, keyframes: () => readonly KeyframeMeta[]): Ordinals {
  /** The last keyframe for which `before` holds. */
  function last(before: (keyframe: KeyframeMeta) => boolean): KeyframeMeta | undefined {
    const list = keyframes();
    let low = 0;
    let high = list.length - 1;
    let found: KeyframeMeta | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (before(list[middle]!)) {
        found = list[middle];
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  return {
    indexOf(position) {
      const from = last((keyframe) => keyframe.position <= position);
      return (from?.idx ?? 0) + reader.countBetween(from?.position ?? 0, position);
    },
    positionOf(index) {
      if (index === 0) return 0;
      const from = last((keyframe) => keyframe.idx <= index);
      if (from?.idx === index) return from.position;
      return reader.positionAfter(from?.position ?? 0, index - (from?.idx ?? 0) - 1);
    },
  };
}
