// Dot-grid geometry, pure: where the background's dots fall on screen for a pan/zoom transform.
// Reads only its arguments.

/** Flow units between dots, and a dot's diameter at zoom 1 (React Flow's defaults for dots). */
export const DOT_GAP = 24;
export const DOT_SIZE = 1;
/** Below this many screen pixels between dots the dots are too small to see: none are drawn. */
export const MIN_SCREEN_GAP = 4;

export interface DotLayout {
  /** Screen pixels between dots. */
  gap: number;
  /** Where a dot's cell (the dot at its centre) starts, in [0, gap) on each axis. */
  offsetX: number;
  offsetY: number;
  radius: number;
}

/** The dots for transform [x, y, zoom] at `ratio` device pixels per CSS pixel, or null when too dense to see. */
export function dotLayout(transform: readonly [number, number, number], ratio: number): DotLayout | null {
  const [x, y, zoom] = transform;
  const gap = DOT_GAP * zoom * ratio;
  if (gap < MIN_SCREEN_GAP) return null;
  // The dot at the flow's origin sits at v * ratio on screen; its cell starts half a gap before it.
  const cell = (v: number) => (((v * ratio - gap / 2) % gap) + gap) % gap;
  return { gap, offsetX: cell(x), offsetY: cell(y), radius: Math.max(0.5, (DOT_SIZE * zoom * ratio) / 2) };
}
