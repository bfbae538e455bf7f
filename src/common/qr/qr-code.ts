import QRCode from 'qrcode';
import { crc32, deflateSync } from 'node:zlib';

/*
 * QR codes (the personal check-in codes of attendance): the module matrix from the maintained
 * `qrcode` library, drawn here — as SVG path data for the pages and as a 1-bit PNG for mails. The
 * library's own PNG writer (pngjs, a JavaScript filter and deflate per pixel row) takes ~3 ms a code
 * in Node and ~150 ms under jest; this one writes the same picture in well under a millisecond,
 * which matters to a send of 10,000 invitations.
 */

/** Error correction M: a code still reads with some of it smudged or off a cracked screen. */
const LEVEL = 'M';
/** Light modules around the code, as the standard asks (at least 4 is ideal; 2 reads fine on screens). */
const MARGIN = 2;

function matrix(text: string): { n: number; dark: (x: number, y: number) => boolean } {
  const qr = QRCode.create(text, { errorCorrectionLevel: LEVEL });
  const n = qr.modules.size;
  return { n, dark: (x, y) => x >= 0 && y >= 0 && x < n && y < n && qr.modules.get(x, y) === 1 };
}

/** The code as SVG path data on a `size`×`size` grid (quiet zone included): one `<path d>` draws it. */
export function qrPath(text: string): { size: number; d: string } {
  const { n, dark } = matrix(text);
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) if (dark(x, y)) d += `M${x + MARGIN} ${y + MARGIN}h1v1h-1z`;
  }
  return { size: n + 2 * MARGIN, d };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** The code as a black-on-white PNG, `scale` pixels per module (1-bit grayscale). */
export function qrPng(text: string, scale = 4): Buffer {
  const { n, dark } = matrix(text);
  const side = (n + 2 * MARGIN) * scale;
  const rowBytes = Math.ceil(side / 8);
  const raw = Buffer.alloc((rowBytes + 1) * side, 0);
  for (let py = 0; py < side; py++) {
    const row = py * (rowBytes + 1); // byte 0: filter type 0 (none)
    for (let px = 0; px < side; px++) {
      // 1 = white in grayscale; a dark module leaves its bit 0.
      if (!dark(Math.floor(px / scale) - MARGIN, Math.floor(py / scale) - MARGIN)) raw[row + 1 + (px >> 3)] |= 0x80 >> (px & 7);
    }
    // Bits past the image's width in the last byte: white, as a reader ignores them anyway.
    for (let px = side; px < rowBytes * 8; px++) raw[row + 1 + (px >> 3)] |= 0x80 >> (px & 7);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
