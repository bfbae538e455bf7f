import { Workbook } from 'exceljs';
import { exportTable, type ExportLine, neutralize, toCsv, toXlsx } from './attendance-export';

const at = (s: string) => new Date(`${s}+07:00`);
const line = (patch: Partial<ExportLine> = {}): ExportLine => ({
  sessionTitle: null, sessionStartsAt: at('2015-08-05T08:00:00'), sessionEndsAt: at('2015-08-05T11:30:00'), fullName: 'Đặng Xuân Phong', title: 'Phó Chủ tịch UBND tỉnh',
  organizationName: 'UBND tỉnh Lào Cai', role: 'chair', status: 'present', method: 'qr', scannedAt: at('2015-08-05T07:52:00'), recordedAt: at('2015-08-05T07:52:03'),
  offline: false, recordedBy: 'btc@laocai.gov.vn', note: null, ...patch,
});

describe('attendance exports', () => {
  it('neutralizes cells a spreadsheet would run as formulas', () => {
    expect(['=1+1', '+84 912', '-2', '@SUM(A1)', '\tx', 'Nguyễn Văn A'].map(neutralize)).toEqual(["'=1+1", "'+84 912", "'-2", "'@SUM(A1)", "'\tx", 'Nguyễn Văn A']);
  });

  it('has Vietnamese headers, Hà Nội times as dd/MM/yyyy HH:mm, and each session’s start and end', () => {
    const [header, row] = exportTable([line()]);
    expect(header.slice(0, 4)).toEqual(['Buổi', 'Bắt đầu', 'Kết thúc', 'Họ và tên']);
    expect(row.slice(0, 3)).toEqual(['Buổi 1', '05/08/2015 08:00', '05/08/2015 11:30']);
    expect(row.slice(7, 11)).toEqual(['Có mặt', 'Quét mã QR', '05/08/2015 07:52', '05/08/2015 07:52']);
  });

  it('writes CSV with a UTF-8 byte-order mark and quotes what needs it', () => {
    const csv = toCsv(exportTable([line({ fullName: 'Lê "Bảy", Hà', status: null, method: null, recordedAt: null, scannedAt: null, offline: null })]));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text).toContain('"Lê ""Bảy"", Hà"');
    expect(text).toContain('Chưa điểm danh');
  });

  it('writes an XLSX that exceljs reads back cell for cell', async () => {
    const table = exportTable([line(), line({ fullName: '=cmd|calc', status: 'late' })]);
    const wb = new Workbook();
    await wb.xlsx.load((await toXlsx(table, 'Điểm danh')) as never);
    const ws = wb.getWorksheet('Điểm danh')!;
    expect(ws.getRow(1).getCell(1).value).toBe('Buổi');
    expect(ws.getRow(3).getCell(4).value).toBe("'=cmd|calc");
    expect(ws.getRow(3).getCell(8).value).toBe('Đến muộn');
  });
});
