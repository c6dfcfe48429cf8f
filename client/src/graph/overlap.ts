// Pure: circles in, the same circles moved apart until none overlaps (or the rounds run out).
// A cheap last pass after a big layout, on a grid so each round costs about one look per circle.

export interface Circle {
  x: number;
  y: number;
  r: number;
  /** never moved (pinned nodes) */
  fixed?: boolean;
}

/**
 * Moves overlapping circles apart, in place, aiming for `margin` between them. Each round looks
 * at every close pair, then moves every circle by the sum of its pushes. Stops when no pair is
 * nearer than `margin`, or (after `settle` rounds) as soon as a round finds no pair overlapping
 * (before moving anything), or after `rounds`. Returns how many pairs the last look found overlapping.
 */
export function spreadApart(circles: Circle[], options: { margin?: number; rounds?: number; settle?: number } = {}): number {
  const margin = options.margin ?? 4;
  const rounds = options.rounds ?? 40;
  const settle = options.settle ?? 20;
  const cell = 2 * Math.max(1, ...circles.map((c) => c.r)) + margin;
  // grid cells as numbers: column × a stride larger than any row count, rows offset to stay positive
  const STRIDE = 1 << 20;
  const key = (gx: number, gy: number) => gx * STRIDE + (gy + STRIDE / 2);
  const moveX = new Float64Array(circles.length);
  const moveY = new Float64Array(circles.length);
  let overlaps = 0;
  for (let round = 0; round < rounds; round++) {
    const grid = new Map<number, number[]>();
    for (let i = 0; i < circles.length; i++) {
      const c = circles[i]!;
      const k = key(Math.floor(c.x / cell), Math.floor(c.y / cell));
      const list = grid.get(k);
      if (list) list.push(i);
      else grid.set(k, [i]);
    }
    moveX.fill(0);
    moveY.fill(0);
    overlaps = 0;
    let close = 0;
    for (let i = 0; i < circles.length; i++) {
      const a = circles[i]!;
      const gx = Math.floor(a.x / cell);
      const gy = Math.floor(a.y / cell);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const j of grid.get(key(gx + dx, gy + dy)) ?? []) {
            if (j <= i) continue;
            const b = circles[j]!;
            const min = a.r + b.r + margin;
            let ex = b.x - a.x;
            let ey = b.y - a.y;
            let d = Math.hypot(ex, ey);
            if (d >= min || (a.fixed && b.fixed)) continue;
            close++;
            if (d < a.r + b.r) overlaps++;
            if (d < 1e-6) {
              // the same spot: part them along a direction of their own
              const angle = (i * 2.399963) % (2 * Math.PI);
              ex = Math.cos(angle);
              ey = Math.sin(angle);
              d = 1;
            }
            const push = min - d;
            const share = a.fixed ? 0 : b.fixed ? 1 : 0.5;
            moveX[i]! -= (ex / d) * push * share;
            moveY[i]! -= (ey / d) * push * share;
            moveX[j]! += (ex / d) * push * (1 - share);
            moveY[j]! += (ey / d) * push * (1 - share);
          }
        }
      }
    }
    if (!close || (!overlaps && round >= settle)) break;
    for (let i = 0; i < circles.length; i++) {
      circles[i]!.x += moveX[i]!;
      circles[i]!.y += moveY[i]!;
    }
  }
  return overlaps;
}
