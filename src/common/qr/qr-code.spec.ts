import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { crc32, inflateSync } from 'node:zlib';
import { qrPath, qrPng } from './qr-code';

const TEXT = 'https://hoinghi.laocai.gov.vn/checkin/Tzu6K3gHRjCSDclkKwFAOQ.Mz0dgsr1n8z97r0vxCTix6kP90qEEPJ2';

/** Reads back our PNG: its chunks (CRC checked), size and pixels. */
function readPng(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: Record<string, Buffer> = {};
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    expect(png.readUInt32BE(at + 8 + len)).toBe(crc32(png.subarray(at + 4, at + 8 + len)) >>> 0);
    chunks[type] = data;
    at += 12 + len;
  }
  const side = chunks.IHDR.readUInt32BE(0);
  const raw = inflateSync(chunks.IDAT);
  const rowBytes = Math.ceil(side / 8);
  return { side, depth: chunks.IHDR[8], color: chunks.IHDR[9], ended: 'IEND' in chunks, white: (x: number, y: number) => ((raw[y * (rowBytes + 1) + 1 + (x >> 3)] >> (7 - (x & 7))) & 1) === 1 };
}

/** A `side`×`side` RGBA picture of `white(x, y)`, as a camera frame would hand it to a reader. */
function rgba(side: number, white: (x: number, y: number) => boolean): Uint8ClampedArray {
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const at = (y * side + x) * 4;
      data.fill(white(x, y) ? 255 : 0, at, at + 3);
      data[at + 3] = 255;
    }
  }
  return data;
}

/** Dark on light only, as printed and as shown: a picture with the colours swapped must not pass. */
const STRICT = { inversionAttempts: 'dontInvert' } as const;

describe('QR codes', () => {
  const qr = QRCode.create(TEXT, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;

  it('draws every dark module of the library’s matrix as a unit square of the SVG path, inside a quiet zone', () => {
    const { size, d } = qrPath(TEXT);
    expect(size).toBe(n + 4);
    const squares = new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`));
    let dark = 0;
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        if (!qr.modules.get(x, y)) continue;
        dark++;
        expect(squares.has(`${x + 2},${y + 2}`)).toBe(true);
      }
    }
    expect(squares.size).toBe(dark);
  });

  it('writes a valid 1-bit grayscale PNG whose pixels are the matrix, scaled, with a white quiet zone', () => {
    const png = readPng(qrPng(TEXT, 4));
    expect(png).toMatchObject({ side: (n + 4) * 4, depth: 1, color: 0, ended: true });
    for (let y = 0; y < n + 4; y++) {
      for (let x = 0; x < n + 4; x++) {
        const dark = x >= 2 && y >= 2 && x < n + 2 && y < n + 2 && qr.modules.get(x - 2, y - 2) === 1;
        // every pixel of the module's 4×4 block (corners suffice)
        for (const [dx, dy] of [[0, 0], [3, 3]]) expect(png.white(x * 4 + dx, y * 4 + dy)).toBe(!dark);
      }
    }
  });

  // Read back by another library than the one that encoded them (jsQR, a reader used by scanning web apps):
  // what a phone's camera would read, not only "the same matrix as qrcode's".
  it('reads back as the text from the mail PNG and the page SVG, with an independent QR reader', () => {
    const png = readPng(qrPng(TEXT, 4));
    expect(jsQR(rgba(png.side, png.white), png.side, png.side, STRICT)?.data).toBe(TEXT);
    const { size, d } = qrPath(TEXT);
    const squares = new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`));
    const scale = 4;
    expect(jsQR(rgba(size * scale, (x, y) => !squares.has(`${Math.floor(x / scale)},${Math.floor(y / scale)}`)), size * scale, size * scale, STRICT)?.data).toBe(TEXT);
  });
});
