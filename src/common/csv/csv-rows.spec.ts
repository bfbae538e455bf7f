import type { CsvLimits } from '../../config/env';
import { PERSON_CSV } from '../../people/dto/person-csv';
import { type CsvRow, CsvFileError, readCsv, type RowProblem } from './csv-rows';

const limits: CsvLimits = { bytes: 1 << 20, maxRows: 1000, maxLineChars: 200, maxColumns: 6, maxWaiting: 4 };

function read(text: string) {
  const rows: CsvRow<object>[] = [];
  const problems: RowProblem[] = [];
  try {
    readCsv(Buffer.from(text), PERSON_CSV, limits, (r) => rows.push({ line: r.line, value: { ...r.value } }), (p) => problems.push(p));
    return { rows, problems };
  } catch (e) {
    if (e instanceof CsvFileError) return { refused: e.message, details: e.details };
    throw e;
  }
}

describe('CSV rows: parsing, line numbers and limits', () => {
  it('numbers rows by the file line where they end, after blank lines, quoted commas and multi-line fields', () => {
    const out = read('\uFEFFfull_name,title,organization_code\r\n\r\n  An  ,"Chuyên viên, phòng CNTT",X\r\n"Bình","Dòng một\r\ndòng hai",X\r\n\r\nChi,"nói ""có""",\r\n');
    expect(out).toEqual({
      rows: [
        { line: 3, value: { fullName: 'An', title: 'Chuyên viên, phòng CNTT', organizationCode: 'X' } },
        // (A CR LF inside quotes counts as two lines: csv-parse's way, kept.)
        { line: 6, value: { fullName: 'Bình', title: 'Dòng một dòng hai', organizationCode: 'X' } },
      ],
      problems: [
        { line: 8, column: 'organization_code', message: 'organizationCode must be longer than or equal to 1 characters' },
        { line: 8, column: 'organization_code', message: 'organizationCode must be a string' },
      ],
    });
  });

  it('stops at the first line with more fields than allowed, naming it, before its length limit', () => {
    expect(read('full_name;organization_code\nAn;X\n"Bình\nB";X\nx;x;x;x;x;x;x;x;x;x;x;x\n')).toEqual({
      refused: 'At most 6 columns per line',
      details: [{ field: 'body', message: 'line 5 has more than 6 fields' }],
    });
    expect(read('full_name;organization_code\nx;x;x;"a\nb\nc";x;x;x;x\n')).toMatchObject({ details: [{ field: 'body', message: 'line 4 has more than 6 fields' }] });
    expect(read(`full_name,organization_code\n${'x,'.repeat(150)}\n`)).toMatchObject({ details: [{ field: 'body', message: 'line 2 has more than 6 fields' }] });
    expect(read(`full_name,organization_code\n${'x'.repeat(300)}\n`)).toMatchObject({ refused: 'At most 200 characters per line' });
  });

  it('refuses a malformed file with the parser’s message', () => {
    expect(read('full_name,organization_code\n"An"x,X\n')).toMatchObject({ refused: 'The file is not valid CSV' });
    expect(read('full_name,organization_code\nAn,X\nBình,ab"c"\n')).toEqual({ refused: 'The file is not valid CSV', details: [{ field: 'body', message: 'Invalid Opening Quote: a quote is found on field 1 at line 3, value is "ab"' }] });
  });
});
