import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { CsvLimits } from '../../config/env';
import { type CsvCells, type CsvRow, readCsv, type RowProblem } from '../../common/csv/csv-rows';
import { acceptRosterRow, ROSTER_CSV, RosterCsvRow } from './roster-csv';

/** What the DTO (class-transformer + class-validator) makes of a row: its value, or that it is bad. */
function throughDto(cells: CsvCells): { value: object } | { bad: true } {
  const value = plainToInstance(RosterCsvRow, cells);
  return validateSync(value, { whitelist: true, forbidNonWhitelisted: true }).length ? { bad: true } : { value: { ...value } };
}

const good: CsvCells[] = [
  { fullName: 'Nguyễn Văn Sơn', organization: 'UBND huyện Vị Xuyên', title: 'Chuyên viên', email: 'son@hagiang.gov.vn', phone: '0912 345 678' },
  { fullName: '  Lò   Văn\tPáo ', organization: 'ubnd huyen vi xuyen', title: undefined, email: undefined, phone: undefined },
  { fullName: 'Trần Thị Hà', organization: 'SO-TTTT', email: ' TTH@HaGiang.Gov.VN ', phone: '+84 (219) 386.0000' },
  { fullName: 'Vàng A Sử', organization: 'X' },
  { fullName: 'A'.repeat(200), organization: 'B'.repeat(300), title: 'C'.repeat(300), email: `${'d'.repeat(60)}@hagiang.gov.vn` },
  { fullName: 'Ma Thị 😀', organization: 'Sở\u0007 TT&TT', title: 'Phó Giám đốc Sở, phụ trách' },
  { fullName: '\uFE0F', organization: 'X' },
];
const bad: CsvCells[] = [
  { fullName: undefined, organization: 'X' },
  { fullName: 'An', organization: undefined },
  { fullName: '\u0001\u0002', organization: 'X' },
  { fullName: 'A'.repeat(201), organization: 'X' },
  { fullName: 'An', organization: 'B'.repeat(301) },
  { fullName: 'An', organization: 'X', title: '\u0007' },
  { fullName: 'An', organization: 'X', title: 'C'.repeat(301) },
  { fullName: 'An', organization: 'X', email: 'not-an-email' },
  { fullName: 'An', organization: 'X', email: 'an@localhost' },
  { fullName: 'An', organization: 'X', email: `${'d'.repeat(250)}@x.vn` },
  { fullName: 'An', organization: 'X', phone: 'gọi anh Sơn' },
  { fullName: 'An', organization: 'X', phone: '12345' },
];

describe('roster CSV rows: the fast check and the DTO agree', () => {
  it('takes every good row with the value the DTO gives it', () => {
    for (const cells of good) {
      const dto = throughDto(cells);
      expect(dto).toHaveProperty('value');
      expect({ cells, value: acceptRosterRow(cells) }).toEqual({ cells, value: (dto as { value: object }).value });
    }
  });

  it('leaves every bad row to the DTO (whose messages name what is wrong)', () => {
    for (const cells of bad) {
      expect({ cells, dto: throughDto(cells) }).toEqual({ cells, dto: { bad: true } });
      expect({ cells, accepted: acceptRosterRow(cells) }).toEqual({ cells, accepted: undefined });
    }
  });

  it('reads a file to the same rows and the same row problems as the DTO alone', () => {
    const limits: CsvLimits = { bytes: 1 << 20, maxRows: 1000, maxLineChars: 2000, maxColumns: 10, maxWaiting: 4 };
    const quote = (v: string | undefined) => (v === undefined ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = [...good, ...bad].map((c) => [c.fullName, c.organization, c.title, c.email, c.phone].map(quote).join(','));
    const file = Buffer.from(`\uFEFFHọ tên,Đơn vị,Chức vụ,Email,Điện thoại\r\n${lines.join('\r\n')}\r\n`);
    const read = (schema: typeof ROSTER_CSV) => {
      const rows: CsvRow<RosterCsvRow>[] = [];
      const problems: RowProblem[] = [];
      readCsv(file, schema, limits, (r) => rows.push({ line: r.line, value: { ...r.value } }), (p) => problems.push(p));
      return { rows, problems };
    };
    const fast = read(ROSTER_CSV);
    expect(fast).toEqual(read({ ...ROSTER_CSV, accept: undefined }));
    expect(fast.rows).toHaveLength(good.length);
    expect(fast.problems).toContainEqual({ line: good.length + 9, column: 'Email', message: 'email must be an email' });
    expect(fast.problems).toContainEqual({ line: good.length + 12, column: 'Điện thoại', message: 'may contain digits, spaces and + ( ) . - only' });
  });
});
