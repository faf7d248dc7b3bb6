// Draws the extension's icon (images/icon.png, 128×128 RGBA) with no image library: a rounded dark
// tile, a white "retry" ring with an arrow head, and an amber dot for the status code it is about.
// Every pixel is computed from distances, 4×4 supersampled for smooth edges, and written as a PNG.
//   node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'images', 'icon.png');

const TILE_TOP = [0x1f, 0x3a, 0x5f];
const TILE_BOTTOM = [0x12, 0x22, 0x3a];
const WHITE = [0xf5, 0xf7, 0xfa];
const AMBER = [0xff, 0xb0, 0x20];

const cx = 64;
const cy = 64;
const ringR = 34;
const ringW = 9;
/** The ring's gap, clockwise from the top, in radians: where the arrow head sits. */
const gapFrom = -Math.PI / 2 - 0.2;
const gapTo = -Math.PI / 2 + 0.75;

function inRoundedTile(x, y) {
  const r = 26;
  const dx = Math.max(r - x, 0, x - (SIZE - r));
  const dy = Math.max(r - y, 0, y - (SIZE - r));
  return dx * dx + dy * dy <= r * r;
}

function inRing(x, y) {
  const d = Math.hypot(x - cx, y - cy);
  if (Math.abs(d - ringR) > ringW / 2) return false;
  const a = Math.atan2(y - cy, x - cx);
  return !(a > gapFrom && a < gapTo);
}

/** The arrow head at the ring's end (angle gapFrom), pointing clockwise along the ring. */
function inArrow(x, y) {
  const a = gapFrom;
  const tip = [cx + ringR * Math.cos(a) + 14 * Math.cos(a + Math.PI / 2), cy + ringR * Math.sin(a) + 14 * Math.sin(a + Math.PI / 2)];
  const base1 = [cx + (ringR + 12) * Math.cos(a), cy + (ringR + 12) * Math.sin(a)];
  const base2 = [cx + (ringR - 12) * Math.cos(a), cy + (ringR - 12) * Math.sin(a)];
  const sign = (p, q, r) => (p[0] - r[0]) * (q[1] - r[1]) - (q[0] - r[0]) * (p[1] - r[1]);
  const p = [x, y];
  const d1 = sign(p, tip, base1);
  const d2 = sign(p, base1, base2);
  const d3 = sign(p, base2, tip);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

function inDot(x, y) {
  return Math.hypot(x - cx, y - cy) <= 13;
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, alpha = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const x = px + (sx + 0.5) / SAMPLES;
        const y = py + (sy + 0.5) / SAMPLES;
        if (!inRoundedTile(x, y)) continue;
        const t = y / SIZE;
        let c = TILE_TOP.map((v, i) => v + (TILE_BOTTOM[i] - v) * t);
        if (inRing(x, y) || inArrow(x, y)) c = WHITE;
        else if (inDot(x, y)) c = AMBER;
        r += c[0];
        g += c[1];
        b += c[2];
        alpha++;
      }
    }
    const o = 1 + px * 4;
    if (alpha > 0) {
      row[o] = Math.round(r / alpha);
      row[o + 1] = Math.round(g / alpha);
      row[o + 2] = Math.round(b / alpha);
    }
    row[o + 3] = Math.round((255 * alpha) / (SAMPLES * SAMPLES));
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`make-icon: ${out} (${png.length} bytes)`);
