// Draws tokens travelling the canvas: one SVG group in the viewport, a pool of token elements
// moved by transform each animation frame (no React render per token or per frame). Edge paths
// are sampled once per drawn path (re-sampled when the edge moves); tokens without an edge travel
// straight between node centres. At most MAX_TOKENS fly at once: beyond that, a new token joins
// one on the same path (its count grows) or is counted as merged. Browser only.
import { tokenKey, type TokenSpec, type TokenTone } from "./tokenPlan";

export const MAX_TOKENS = 80;
const SAMPLES = 28;
const STOP_AT = 0.72;
const LINGER_MS = 1_600;
const SVG = "http://www.w3.org/2000/svg";

export interface Point {
  x: number;
  y: number;
}

/** Where tokens travel, read from the live canvas. */
export interface PathSource {
  /** The drawn path of an edge, if it is on the canvas. */
  edgePath(edge: string): SVGPathElement | null;
  /** A node's centre in flow coordinates. */
  nodeCenter(node: string): Point | null;
}

interface Flying {
  key: string;
  el: SVGGElement;
  label: SVGTextElement;
  points: Float32Array;
  reverse: boolean;
  start: number;
  duration: number;
  count: number;
  stops: boolean;
}

export interface TokenTally {
  /** Edge id (or "from>to" for straight hops) → tone → messages that travelled it. */
  byPath: Map<string, Map<TokenTone, number>>;
  launched: number;
  merged: number;
}

function samplePath(path: SVGPathElement): Float32Array {
  const length = path.getTotalLength();
  const points = new Float32Array(SAMPLES * 2);
  for (let i = 0; i < SAMPLES; i++) {
    const p = path.getPointAtLength((length * i) / (SAMPLES - 1));
    points[i * 2] = p.x;
    points[i * 2 + 1] = p.y;
  }
  return points;
}

function pointAt(points: Float32Array, t: number, out: Point): Point {
  const n = points.length / 2;
  const f = Math.min(Math.max(t, 0), 1) * (n - 1);
  const i = Math.min(Math.floor(f), n - 2);
  const r = f - i;
  out.x = points[i * 2]! + (points[i * 2 + 2]! - points[i * 2]!) * r;
  out.y = points[i * 2 + 1]! + (points[i * 2 + 3]! - points[i * 2 + 1]!) * r;
  return out;
}

export class TokenAnimator {
  private layer: SVGGElement | null = null;
  private source: PathSource | null = null;
  private readonly flying: Flying[] = [];
  private readonly pool: Flying["el"][] = [];
  private readonly paths = new Map<string, { d: string; points: Float32Array }>();
  private readonly point: Point = { x: 0, y: 0 };
  readonly tally: TokenTally = { byPath: new Map(), launched: 0, merged: 0 };
  /** Called when the tally changed (throttled by the caller). */
  onTally: (() => void) | null = null;

  attach(layer: SVGGElement | null, source: PathSource | null): void {
    if (this.layer && this.layer !== layer) this.clear();
    this.layer = layer;
    this.source = source;
  }

  get active(): number {
    return this.flying.length;
  }

  /** Removes every token and forgets the tally (a new run). */
  reset(): void {
    this.clear();
    this.tally.byPath.clear();
    this.tally.launched = 0;
    this.tally.merged = 0;
    this.onTally?.();
  }

  private clear(): void {
    for (const token of this.flying) token.el.remove();
    this.flying.length = 0;
  }

  private pointsFor(spec: TokenSpec): Float32Array | null {
    const source = this.source;
    if (!source) return null;
    if (spec.edge) {
      const path = source.edgePath(spec.edge);
      const d = path?.getAttribute("d");
      if (path && d) {
        const cached = this.paths.get(spec.edge);
        if (cached && cached.d === d) return cached.points;
        const points = samplePath(path);
        this.paths.set(spec.edge, { d, points });
        return points;
      }
    }
    const a = source.nodeCenter(spec.from);
    const b = source.nodeCenter(spec.to);
    if (!a || !b) return null;
    return new Float32Array([a.x, a.y, b.x, b.y]);
  }

  private element(tone: TokenTone): { el: SVGGElement; label: SVGTextElement } {
    const el = this.pool.pop() ?? this.build();
    el.setAttribute("class", `run-token tone-${tone}`);
    el.removeAttribute("opacity");
    return { el, label: el.querySelector("text")! };
  }

  private build(): SVGGElement {
    const el = document.createElementNS(SVG, "g");
    const circle = document.createElementNS(SVG, "circle");
    circle.setAttribute("r", "7");
    const badge = document.createElementNS(SVG, "rect");
    badge.setAttribute("class", "run-token-badge");
    badge.setAttribute("x", "9");
    badge.setAttribute("y", "-20");
    badge.setAttribute("rx", "4");
    badge.setAttribute("height", "15");
    const label = document.createElementNS(SVG, "text");
    label.setAttribute("x", "12");
    label.setAttribute("y", "-9");
    el.append(circle, badge, label);
    return el;
  }

  /** Launches a frame's tokens (already merged per path). */
  launch(specs: readonly TokenSpec[], now: number, duration: number): void {
    if (specs.length === 0) return;
    for (const spec of specs) {
      const key = tokenKey(spec);
      this.count(spec);
      if (!spec.stops) {
        const joined = this.flying.find((f) => f.key === key && !f.stops && now - f.start < f.duration * 0.5);
        if (joined) {
          this.relabel(joined, joined.count + spec.count);
          this.tally.merged += spec.count;
          continue;
        }
      }
      if (this.flying.length >= MAX_TOKENS || !this.layer) {
        this.tally.merged += spec.count;
        continue;
      }
      const points = this.pointsFor(spec);
      if (!points) continue;
      const { el, label } = this.element(spec.tone);
      const token: Flying = { key, el, label, points, reverse: spec.reverse, start: now, duration: spec.stops ? duration * 1.2 : duration, count: 0, stops: spec.stops };
      this.relabel(token, spec.count);
      this.place(token, 0);
      this.layer.appendChild(el);
      this.flying.push(token);
      this.tally.launched += spec.count;
    }
    this.onTally?.();
  }

  private count(spec: TokenSpec): void {
    const path = spec.edge ?? `${spec.from}>${spec.to}`;
    let tones = this.tally.byPath.get(path);
    if (!tones) this.tally.byPath.set(path, (tones = new Map()));
    tones.set(spec.tone, (tones.get(spec.tone) ?? 0) + spec.count);
  }

  private relabel(token: Flying, count: number): void {
    token.count = count;
    const text = token.stops ? "duplicate · absorbed" : count > 1 ? `×${count}` : "";
    if (token.label.textContent !== text) {
      token.label.textContent = text;
      const badge = token.el.querySelector("rect")!;
      badge.setAttribute("width", text ? String(text.length * 6.2 + 6) : "0");
    }
  }

  private place(token: Flying, progress: number): void {
    const t = token.reverse ? 1 - progress : progress;
    const p = pointAt(token.points, t, this.point);
    token.el.setAttribute("transform", `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);
  }

  /** Moves every token to where it is at `now`; returns whether any is still on the canvas. */
  frame(now: number): boolean {
    let kept = 0;
    for (let i = 0; i < this.flying.length; i++) {
      const token = this.flying[i]!;
      const elapsed = now - token.start;
      const end = token.stops ? token.duration * STOP_AT + LINGER_MS : token.duration;
      if (elapsed >= end) {
        token.el.remove();
        if (this.pool.length < MAX_TOKENS) this.pool.push(token.el);
        continue;
      }
      const progress = token.stops ? Math.min(elapsed / token.duration, STOP_AT) : elapsed / token.duration;
      this.place(token, progress);
      if (!token.stops && progress > 0.85) token.el.setAttribute("opacity", ((1 - progress) / 0.15).toFixed(2));
      this.flying[kept++] = token;
    }
    this.flying.length = kept;
    return kept > 0;
  }
}
