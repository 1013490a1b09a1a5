// Minimap geometry, pure: which part of the canvas the minimap shows (every node and the visible
// area, padded) and how a point on the minimap maps back to the canvas. Reads only its arguments.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The canvas area the viewport shows, in flow coordinates, for a pan/zoom transform [x, y, zoom]. */
export function visibleArea(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [x, y, zoom] = transform;
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

/** The smallest rectangle holding all of them, padded by `pad` of its larger side. */
export function frame(rects: readonly Rect[], pad = 0.05): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 1, height: 1 };
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  const margin = Math.max(maxX - minX, maxY - minY) * pad;
  return { x: minX - margin, y: minY - margin, width: maxX - minX + 2 * margin, height: maxY - minY + 2 * margin };
}

/**
 * The canvas point under a point of a minimap `size` wide and high that shows `view` (letterboxed,
 * as SVG's xMidYMid meet draws it); `at` is relative to the minimap's top-left corner.
 */
export function minimapToFlow(at: { x: number; y: number }, size: { width: number; height: number }, view: Rect): { x: number; y: number } {
  const scale = Math.min(size.width / view.width, size.height / view.height);
  const offsetX = (size.width - view.width * scale) / 2;
  const offsetY = (size.height - view.height * scale) / 2;
  return { x: view.x + (at.x - offsetX) / scale, y: view.y + (at.y - offsetY) / scale };
}
