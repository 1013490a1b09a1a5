// Draws tokens travelling the canvas on one 2D <canvas> laid over the flow: each animation frame
// the animator clears it and draws every flying token at its place along its path, through the
// viewport's current pan and zoom, at most about 30 times a second (15 when many fly). One bitmap,
// no DOM element per token, no paint of the flow and no React render per token or per frame. Edge
// paths are sampled once per drawn path (re-sampled when the edge moves); tokens without an edge
// travel straight between node centres. At most MAX_TOKENS fly at once: beyond that, a new token
// joins one on the same path (its count grows) or is counted as merged. A token standing for
// several messages carries its count inside it; a duplicate's badge goes beside it where it covers
// no node card and no other badge (tokenLabels.ts), so labels on the canvas stay readable. Browser only.
import { placeLabel, type Rect } from "./tokenLabels";
import { tokenKey, type TokenSpec, type TokenTone } from "./tokenPlan";

export const MAX_TOKENS = 48;
const SAMPLES = 28;
const STOP_AT = 0.72;
const LINGER_MS = 1_600;
const RADIUS = 7;
/** Tokens are redrawn at most about 30 times a second, and 15 when many fly: most frames then cost no paint or commit. */
const DRAW_MS = 30;
const BUSY_DRAW_MS = 66;
const BUSY_TOKENS = 16;
const DUPLICATE_LABEL = "duplicate · absorbed";

export const TONE_COLOR: Readonly<Record<TokenTone, string>> = {
  command: "#1c3f94",
  event: "#e8590c",
  compensation: "#ae3ec9",
  retry: "#f59f00",
  dead: "#c92a2a",
  duplicate: "#868e96",
};

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
  /** The viewport: pan x, pan y, zoom (flow → screen: x * zoom + pan). */
  transform(): readonly [number, number, number];
  /** Every node card's box in flow coordinates (badges keep clear of them). */
  nodeBoxes(): Rect[];
}

interface Flying {
  key: string;
  tone: TokenTone;
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
  private canvas: HTMLCanvasElement | null = null;
  private source: PathSource | null = null;
  private readonly flying: Flying[] = [];
  private readonly paths = new Map<string, { d: string; points: Float32Array }>();
  private readonly point: Point = { x: 0, y: 0 };
  private drawn = false;
  private lastDraw = Number.NEGATIVE_INFINITY;
  readonly tally: TokenTally = { byPath: new Map(), launched: 0, merged: 0 };
  /** Called when the tally or the flying tokens changed (throttled by the caller). */
  onTally: (() => void) | null = null;

  attach(canvas: HTMLCanvasElement | null, source: PathSource | null): void {
    if (this.canvas && this.canvas !== canvas) this.clear();
    this.canvas = canvas;
    this.source = source;
  }

  get active(): number {
    return this.flying.length;
  }

  /** Tokens flying now, by tone. */
  flyingByTone(): Map<TokenTone, number> {
    const tones = new Map<TokenTone, number>();
    for (const token of this.flying) tones.set(token.tone, (tones.get(token.tone) ?? 0) + 1);
    return tones;
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
    this.flying.length = 0;
    this.wipe();
  }

  private wipe(): void {
    const canvas = this.canvas;
    if (canvas && this.drawn) canvas.getContext("2d")?.clearRect(0, 0, canvas.width, canvas.height);
    this.drawn = false;
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

  /** Launches a frame's tokens (already merged per path). */
  launch(specs: readonly TokenSpec[], now: number, duration: number): void {
    if (specs.length === 0) return;
    for (const spec of specs) {
      const key = tokenKey(spec);
      this.count(spec);
      if (!spec.stops) {
        const joined = this.flying.find((f) => f.key === key && !f.stops && now - f.start < f.duration * 0.5);
        if (joined) {
          joined.count += spec.count;
          this.tally.merged += spec.count;
          continue;
        }
      }
      if (this.flying.length >= MAX_TOKENS || !this.canvas) {
        this.tally.merged += spec.count;
        continue;
      }
      const points = this.pointsFor(spec);
      if (!points) continue;
      this.flying.push({ key, tone: spec.tone, points, reverse: spec.reverse, start: now, duration: spec.stops ? duration * 1.2 : duration, count: spec.count, stops: spec.stops });
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

  /** Draws every token where it is at `now`; returns whether any is still on the canvas. */
  frame(now: number): boolean {
    let kept = 0;
    for (let i = 0; i < this.flying.length; i++) {
      const token = this.flying[i]!;
      const end = token.stops ? token.duration * STOP_AT + LINGER_MS : token.duration;
      if (now - token.start < end) this.flying[kept++] = token;
    }
    const ended = kept < this.flying.length;
    this.flying.length = kept;
    if (kept === 0 || now - this.lastDraw >= (kept > BUSY_TOKENS ? BUSY_DRAW_MS : DRAW_MS)) {
      this.lastDraw = now;
      this.draw(now);
    }
    if (ended) this.onTally?.();
    return kept > 0;
  }

  private draw(now: number): void {
    const canvas = this.canvas;
    const context = canvas?.getContext("2d");
    if (!canvas || !context || !this.source) return;
    this.wipe();
    if (this.flying.length === 0) return;
    const [panX, panY, zoom] = this.source.transform();
    const scale = canvas.width / Math.max(1, canvas.clientWidth);
    context.setTransform(scale, 0, 0, scale, 0, 0);
    const radius = Math.max(3.5, RADIUS * Math.min(zoom, 1.4));
    context.font = "700 9px system-ui, sans-serif";
    context.textAlign = "center";
    context.textBaseline = "middle";
    let taken: Rect[] | null = null;
    for (const token of this.flying) {
      const elapsed = now - token.start;
      const progress = token.stops ? Math.min(elapsed / token.duration, STOP_AT) : elapsed / token.duration;
      const p = pointAt(token.points, token.reverse ? 1 - progress : progress, this.point);
      const x = p.x * zoom + panX;
      const y = p.y * zoom + panY;
      const count = !token.stops && token.count > 1 ? (token.count > 99 ? "99+" : String(token.count)) : "";
      const r = count ? Math.max(radius, context.measureText(count).width / 2 + 3) : radius;
      context.globalAlpha = !token.stops && progress > 0.85 ? Math.max(0, (1 - progress) / 0.15) : 1;
      context.beginPath();
      context.arc(x, y, r, 0, Math.PI * 2);
      context.fillStyle = TONE_COLOR[token.tone];
      context.fill();
      context.lineWidth = 2;
      context.strokeStyle = token.stops ? "#37404a" : "#ffffff";
      if (token.stops) context.setLineDash([3, 2]);
      context.stroke();
      if (token.stops) context.setLineDash([]);
      if (count) {
        context.fillStyle = "#ffffff";
        context.fillText(count, x, y + 0.5);
      } else if (token.stops) {
        taken ??= this.nodeBoxesOnScreen(panX, panY, zoom);
        this.badge(context, DUPLICATE_LABEL, x, y, r, taken);
      }
    }
    context.globalAlpha = 1;
    context.textAlign = "start";
    this.drawn = true;
  }

  /** Node cards on the screen, where badges must not go. */
  private nodeBoxesOnScreen(panX: number, panY: number, zoom: number): Rect[] {
    return (this.source?.nodeBoxes() ?? []).map((box) => ({ x: box.x * zoom + panX, y: box.y * zoom + panY, width: box.width * zoom, height: box.height * zoom }));
  }

  /** A badge beside the token where it covers no node and no other badge (it joins `taken`); none when there is no room. */
  private badge(context: CanvasRenderingContext2D, label: string, x: number, y: number, radius: number, taken: Rect[]): void {
    const box = placeLabel(x, y, radius, context.measureText(label).width + 8, 13, taken);
    if (!box) return;
    taken.push(box);
    context.fillStyle = "rgba(255,255,255,0.95)";
    context.fillRect(box.x, box.y, box.width, box.height);
    context.strokeStyle = "#8c96a3";
    context.lineWidth = 1;
    context.strokeRect(box.x, box.y, box.width, box.height);
    context.fillStyle = "#17202a";
    context.fillText(label, box.x + box.width / 2, box.y + box.height / 2 + 0.5);
  }
}
