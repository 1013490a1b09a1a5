// Where a token's badge goes on the canvas: beside the token, on the first side (above, below,
// right, left) where it covers no node card and no badge placed before it in the same frame;
// nowhere when every side is taken (the node's own overlay says the same in words). Pure: screen
// rectangles in, a rectangle out.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 3;

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A label of `width`×`height` beside a token at (x, y) of `radius`, clear of `obstacles`; null when no side is free. */
export function placeLabel(x: number, y: number, radius: number, width: number, height: number, obstacles: readonly Rect[]): Rect | null {
  const candidates: Rect[] = [
    { x: x - width / 2, y: y - radius - GAP - height, width, height },
    { x: x - width / 2, y: y + radius + GAP, width, height },
    { x: x + radius + GAP, y: y - height / 2, width, height },
    { x: x - radius - GAP - width, y: y - height / 2, width, height },
  ];
  return candidates.find((rect) => !obstacles.some((obstacle) => overlaps(rect, obstacle))) ?? null;
}
