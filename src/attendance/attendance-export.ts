import { Workbook } from 'exceljs';
import { type Locale, translate } from '../common/i18n/i18n';
import { formatLocal } from '../common/time/time';
import { attendanceMessages } from './attendance-messages';
import { invitationMessages } from '../invitations/content/messages';
import type { AttendanceMethod, AttendanceStatus } from './attendance-record.entity';

/** One session × person line of an export. */
export interface ExportLine {
  sessionTitle: string | null;
  sessionStartsAt: Date;
  sessionEndsAt: Date;
  fullName: string;
  title: string | null;
  organizationName: string | null;
  role: string;
  status: AttendanceStatus | null;
  method: AttendanceMethod | null;
  scannedAt: Date | null;
  recordedAt: Date | null;
  offline: boolean | null;
  recordedBy: string | null;
  note: string | null;
}

const COLUMNS = ['session', 'sessionStart', 'sessionEnd', 'fullName', 'title', 'organization', 'role', 'status', 'method', 'scannedAt', 'recordedAt', 'offline', 'recordedBy', 'note'] as const;

/**
 * A cell a spreadsheet would run as a formula (starts with = + - @, or a tab or carriage return that
 * some programs strip first) gets a leading apostrophe: a name typed as `=HYPERLINK(…)` on a public
 * page stays text when the organizer opens the file (CSV injection).
 */
export function neutralize(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The export as a table of strings: Vietnamese headers, times dd/MM/yyyy HH:mm in Hà Nội time, each session's start and end. */
export function exportTable(lines: ExportLine[], locale: Locale = 'vi'): string[][] {
  const t = (key: Parameters<typeof translate<typeof attendanceMessages.vi, keyof typeof attendanceMessages.vi>>[2]) => translate(attendanceMessages, locale, key as never);
  const order = [...new Set(lines.map((l) => l.sessionStartsAt.getTime()))].sort((a, b) => a - b);
  const time = (d: Date | null) => (d ? formatLocal(new Date(d)) : '');
  const header = COLUMNS.map((c) => t(`col.${c}` as never));
  const body = lines.map((l) => [
    l.sessionTitle ?? translate(attendanceMessages, locale, 'session.untitled', { n: order.indexOf(l.sessionStartsAt.getTime()) + 1 }),
    time(l.sessionStartsAt),
    time(l.sessionEndsAt),
    l.fullName,
    l.title ?? '',
    l.organizationName ?? '',
    translate(invitationMessages, locale, `role.${l.role}` as 'role.chair'),
    t(`status.${l.status ?? 'none'}` as never),
    l.method ? t(`method.${l.method}` as never) : '',
    time(l.scannedAt),
    time(l.recordedAt),
    l.offline === null ? '' : t(l.offline ? 'yes' : 'no'),
    l.recordedBy ?? '',
    l.note ?? '',
  ]);
  return [header, ...body].map((row) => row.map(neutralize));
}

/** CSV (RFC 4180, CRLF) with a UTF-8 byte-order mark, so Excel opens the Vietnamese as UTF-8. */
export function toCsv(table: string[][]): Buffer {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(table.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8')]);
}

/** The same table as an XLSX workbook of one sheet (text cells, a bold frozen header). */
export async function toXlsx(table: string[][], sheetName: string): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'hoinghi';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of table) ws.addRow(row);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = Math.min(40, Math.max(10, ...table.map((r) => (r[i] ?? '').length + 2)))));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
