// How many queued trace entries the animation releases in one frame: a few hops a second when
// little is happening (so a person can follow a tour step hop by hop), and the whole backlog within
// about DRAIN_MS when a run is busy (so the feed never falls behind). Pure: a credit counter.

/** A backlog is worked off within about this long (exponentially), however large. */
export const DRAIN_MS = 1_200;
/** At speed ×1 and with little queued, one hop every HOP_MS. */
export const HOP_MS = 110;

export interface Pacer {
  /** Entries (that travel) to release this frame. */
  release(queued: number, frameMs: number, speed: number): number;
  reset(): void;
}

export function createPacer(): Pacer {
  let credit = 0;
  let idle = true;
  return {
    release(queued, frameMs, speed) {
      if (queued <= 0) {
        credit = 0;
        idle = true;
        return 0;
      }
      // The first hop after a quiet spell leaves at once.
      if (idle) credit = 1;
      idle = false;
      const dt = Math.min(Math.max(frameMs, 0), 100);
      const hopMs = HOP_MS / Math.max(0.25, Math.min(16, speed));
      credit = Math.min(queued, credit + Math.max((queued * dt) / DRAIN_MS, dt / hopMs));
      const released = Math.floor(credit);
      credit -= released;
      return released;
    },
    reset() {
      credit = 0;
      idle = true;
    },
  };
}
