// Badge placement beside a token: above when free, else below, right, left; never over a node card
// or an earlier badge; nowhere when boxed in.
import { describe, expect, it } from "vitest";
import { placeLabel, type Rect } from "./tokenLabels";

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("placeLabel", () => {
  it("given open space, then the badge sits centred above the token", () => {
    expect(placeLabel(100, 100, 7, 40, 13, [])).toEqual({ x: 80, y: 77, width: 40, height: 13 });
  });

  it("given a node card above the token, then the badge goes below it, clear of the card", () => {
    const card = { x: 50, y: 20, width: 200, height: 70 };
    const box = placeLabel(100, 100, 7, 40, 13, [card])!;
    expect(box.y).toBeGreaterThan(100);
    expect(overlaps(box, card)).toBe(false);
  });

  it("given cards above and below and a badge on the right, then it goes left; boxed in on all sides, nowhere", () => {
    const above = { x: 0, y: 0, width: 300, height: 90 };
    const below = { x: 0, y: 108, width: 300, height: 90 };
    const right = { x: 110, y: 90, width: 40, height: 18 };
    const box = placeLabel(100, 100, 7, 40, 13, [above, below, right])!;
    expect(box.x + box.width).toBeLessThanOrEqual(93);
    for (const other of [above, below, right]) expect(overlaps(box, other)).toBe(false);
    expect(placeLabel(100, 100, 7, 40, 13, [above, below, right, { x: 40, y: 90, width: 50, height: 18 }])).toBeNull();
  });
});
