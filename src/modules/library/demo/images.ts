/**
 * Small demo images drawn at seed time (no copied pictures): an RGB canvas with rectangles, discs,
 * pie sectors and lines, written as a PNG (8-bit truecolour, one deflated IDAT; RFC 2083 / ISO/IEC
 * 15948). No text is drawn: what an image says is in its text alternative, as GB/T 37668 5.1.1 asks.
 */
import { encodePng } from '../../../core/demo/png.ts';

type Rgb = readonly [number, number, number];

export class Canvas {
  readonly px: Buffer;
  constructor(readonly w: number, readonly h: number, bg: Rgb = [255, 255, 255]) {
    this.px = Buffer.alloc(w * h * 3);
    this.rect(0, 0, w, h, bg);
  }
  set(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.w || y >= this.h) return;
    const o = (Math.floor(y) * this.w + Math.floor(x)) * 3;
    this.px[o] = c[0]; this.px[o + 1] = c[1]; this.px[o + 2] = c[2];
  }
  rect(x: number, y: number, w: number, h: number, c: Rgb): this {
    for (let j = Math.max(0, y); j < Math.min(this.h, y + h); j++) for (let i = Math.max(0, x); i < Math.min(this.w, x + w); i++) this.set(i, j, c);
    return this;
  }
  /** A frame `t` pixels wide inside the rectangle. */
  frame(x: number, y: number, w: number, h: number, c: Rgb, t = 2): this {
    return this.rect(x, y, w, t, c).rect(x, y + h - t, w, t, c).rect(x, y, t, h, c).rect(x + w - t, y, t, h, c);
  }
  /** A disc, or a sector of it from angle a0 to a1 (radians, clockwise from 12 o'clock). */
  disc(cx: number, cy: number, r: number, c: Rgb, a0 = 0, a1 = Math.PI * 2): this {
    for (let y = Math.floor(cy - r); y <= cy + r; y++) {
      for (let x = Math.floor(cx - r); x <= cx + r; x++) {
        const dx = x - cx; const dy = y - cy;
        if (dx * dx + dy * dy > r * r) continue;
        let a = Math.atan2(dx, -dy);
        if (a < 0) a += Math.PI * 2;
        if (a >= a0 && a < a1) this.set(x, y, c);
      }
    }
    return this;
  }
  png(): Buffer {
    const raw = Buffer.alloc((this.w * 3 + 1) * this.h);
    for (let y = 0; y < this.h; y++) this.px.copy(raw, y * (this.w * 3 + 1) + 1, y * this.w * 3, (y + 1) * this.w * 3);
    return encodePng(this.w, this.h, 2, raw);
  }
}

const BLUE: Rgb = [31, 95, 170];
const RED: Rgb = [196, 43, 28];
const GREY: Rgb = [90, 90, 90];
const LIGHT: Rgb = [225, 230, 238];
export const PALETTE: readonly Rgb[] = [BLUE, RED, [46, 139, 87], [230, 150, 30], [120, 80, 160]];

/** A bar chart of `values` (axes, light grid lines every fifth of the maximum). */
export function barChart(values: readonly number[], color: Rgb = BLUE): Buffer {
  const w = 480; const h = 300; const left = 40; const bottom = 260; const top = 20;
  const c = new Canvas(w, h);
  const max = Math.max(...values, 1);
  for (let k = 1; k <= 5; k++) c.rect(left, bottom - Math.round(((bottom - top) * k) / 5), w - left - 20, 1, LIGHT);
  const slot = (w - left - 20) / values.length;
  values.forEach((v, i) => {
    const bh = Math.round(((bottom - top) * v) / max);
    c.rect(Math.round(left + i * slot + slot * 0.2), bottom - bh, Math.round(slot * 0.6), bh, color);
  });
  return c.rect(left, top, 2, bottom - top + 2, GREY).rect(left, bottom, w - left - 20, 2, GREY).png();
}

/** A pie chart of `shares` (any positive numbers), with a legend of coloured squares. */
export function pieChart(shares: readonly number[]): Buffer {
  const c = new Canvas(420, 280);
  const sum = shares.reduce((a, b) => a + b, 0);
  let a = 0;
  shares.forEach((s, i) => {
    const b = a + (Math.PI * 2 * s) / sum;
    c.disc(140, 140, 110, PALETTE[i % PALETTE.length], a, i === shares.length - 1 ? Math.PI * 2 + 0.01 : b);
    a = b;
  });
  shares.forEach((_, i) => c.rect(300, 60 + i * 36, 24, 24, PALETTE[i % PALETTE.length]));
  return c.png();
}

/** A top-to-bottom flow of `steps` boxes joined by arrows. */
export function flowChart(steps: number): Buffer {
  const w = 320; const box = 52; const gap = 34;
  const c = new Canvas(w, 20 + steps * box + (steps - 1) * gap + 20);
  for (let i = 0; i < steps; i++) {
    const y = 20 + i * (box + gap);
    c.rect(60, y, w - 120, box, i === steps - 1 ? [232, 244, 234] : [232, 240, 250]).frame(60, y, w - 120, box, BLUE, 3);
    if (i < steps - 1) {
      c.rect(w / 2 - 2, y + box, 4, gap - 10, GREY);
      for (let k = 0; k < 10; k++) c.rect(w / 2 - 10 + k, y + box + gap - 10 + k, 20 - 2 * k, 1, GREY);
    }
  }
  return c.png();
}

/** An emblem: a disc with a ring and an open book shape (a 政务公开 column's mark). */
export function emblem(color: Rgb = RED): Buffer {
  const c = new Canvas(200, 200);
  c.disc(100, 100, 92, color).disc(100, 100, 80, [255, 255, 255]).disc(100, 100, 72, color);
  for (let k = 0; k < 40; k++) { c.rect(58 + k, 80 + Math.round(k / 4), 1, 48, [255, 255, 255]); c.rect(142 - k, 80 + Math.round(k / 4), 1, 48, [255, 255, 255]); }
  return c.rect(99, 88, 2, 42, color).png();
}
