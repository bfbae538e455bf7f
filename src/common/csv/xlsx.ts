import { Workbook } from 'exceljs';
import { badRequest } from '../errors/api-error';
import type { ErrorCode } from '../errors/error-codes';

/** An XLSX upload (by its Content-Type, or a ZIP body): imports take a workbook wherever they take a CSV. */
export function isXlsx(body: unknown, contentType: string | undefined): boolean {
  if (contentType?.includes('spreadsheetml')) return true;
  return Buffer.isBuffer(body) && body.length > 4 && body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04;
}

/**
 * The first sheet of an XLSX file as CSV bytes, so the rows go through the same worker-thread parsing,
 * limits and checks as a CSV. An unreadable workbook is a 400 with the importing module's `code`.
 */
export async function xlsxToCsv(body: Buffer, code: ErrorCode): Promise<Buffer> {
  const wb = new Workbook();
  try {
    await wb.xlsx.load(body as never);
  } catch {
    throw badRequest('The file is not a readable XLSX workbook', [{ field: 'body', message: 'is not XLSX' }], code);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('The workbook has no sheet', [{ field: 'body', message: 'has no sheet' }], code);
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines: string[] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= width; i++) {
      const v = row.getCell(i).value;
      const s = v === null || v === undefined ? '' : typeof v === 'object' ? ('text' in v ? String(v.text) : 'result' in v ? String(v.result) : String(v)) : String(v);
      cells.push(quote(s));
    }
    lines.push(cells.join(','));
  });
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}
