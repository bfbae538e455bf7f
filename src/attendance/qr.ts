import QRCode from 'qrcode';

/**
 * A personal QR code as SVG path data (`d` of one <path> on a `size`×`size` grid, quiet zone
 * included): pages draw it inline (no image request, nothing for the CSP to allow) and the path is
 * plain text for the template to escape. Error correction M: a phone reads it off a cracked screen.
 */
export function qrPath(text: string): { size: number; d: string } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const margin = 2;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) if (qr.modules.get(x, y)) d += `M${x + margin} ${y + margin}h1v1h-1z`;
  }
  return { size: n + 2 * margin, d };
}

/** The same code as a PNG (for a mail attachment). */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
}
