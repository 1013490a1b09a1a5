// Edge geometry, pure: a cubic curve from a node's right side to another's left side, bending out
// out (boundedly) when the target lies behind the source, and offset below for compensations so they do
// not sit on top of the command edge they undo. Reads nothing but its arguments.
import type { EdgeFlavor } from "@/server/flow/graph";

export interface Point {
  x: number;
  y: number;
}

export interface EdgeGeometry {
  path: string;
  labelX: number;
  labelY: number;
}

const COMPENSATION_DROP = 36;

function cubic(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  const a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

export function edgeGeometry(source: Point, target: Point, flavor: EdgeFlavor): EdgeGeometry {
  const dx = target.x - source.x;
  const reach = dx >= 0 ? Math.max(30, dx / 2) : Math.min(160, Math.max(80, -dx / 4 + 40));
  const drop = flavor === "compensation" ? COMPENSATION_DROP + Math.min(80, Math.abs(dx) / 6) : 0;
  const c1 = { x: source.x + reach, y: source.y + drop };
  const c2 = { x: target.x - reach, y: target.y + drop };
  const mid = cubic(source, c1, c2, target, 0.5);
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    path: `M${r(source.x)},${r(source.y)} C${r(c1.x)},${r(c1.y)} ${r(c2.x)},${r(c2.y)} ${r(target.x)},${r(target.y)}`,
    labelX: r(mid.x),
    labelY: r(mid.y),
  };
}
