import { Transform } from 'class-transformer';
import { isEmail, IsEmail, IsOptional, isString, IsString, length, Length, Matches } from 'class-validator';
import { type CsvCells, csvSchema } from '../../common/csv/csv-rows';
import { cleanText } from '../../common/text/vietnamese';
import { lowerEmail, PHONE } from '../../people/dto/person-rules';

/* Loaded by the CSV worker thread too: only validation and text helpers here, nothing of Nest or TypeORM. */

/** One line of a class roster (danh sách học viên): Họ tên, Đơn vị, Chức vụ, Email, Điện thoại. */
export class RosterCsvRow {
  @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 200)
  fullName!: string;
  /** The agency by name, short name or code (compared without diacritics or case). */
  @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 300)
  organization!: string;
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 300)
  title?: string;
  @IsOptional() @Transform(lowerEmail) @IsEmail() @Length(3, 254)
  email?: string;
  @IsOptional() @IsString() @Matches(PHONE, { message: 'may contain digits, spaces and + ( ) . - only' })
  phone?: string;
}

const ROSTER_CSV_COLUMNS: Record<keyof RosterCsvRow, string[]> = {
  fullName: ['Họ tên', 'Họ và tên', 'full_name', 'fullName', 'name'],
  organization: ['Đơn vị', 'Cơ quan', 'organization'],
  title: ['Chức vụ', 'title'],
  email: ['Email', 'E-mail', 'Thư điện tử'],
  phone: ['Điện thoại', 'Số điện thoại', 'phone'],
};

const text = (value: unknown, max: number) => isString(value) && length(value, 1, max);
const absent = (value: unknown) => value === undefined || value === null;

/**
 * RosterCsvRow's transforms and rules written out, with the same class-validator functions its
 * decorators call: the row's value when they all pass, else undefined — the row then goes through
 * the DTO, whose messages name what is wrong (roster-csv.spec.ts holds the two to the same answers).
 */
export function acceptRosterRow(cells: CsvCells): RosterCsvRow | undefined {
  const fullName = cleanText(cells.fullName);
  const organization = cleanText(cells.organization);
  const title = cleanText(cells.title);
  const email = lowerEmail({ value: cells.email });
  const phone = cells.phone;
  if (!text(fullName, 200) || !text(organization, 300) || !(absent(title) || text(title, 300))) return undefined;
  if (!(absent(email) || (isEmail(email) && length(email, 3, 254))) || !(absent(phone) || (isString(phone) && PHONE.test(phone)))) return undefined;
  const row: Record<string, unknown> = { ...cells, fullName, organization };
  if ('title' in cells) row.title = title;
  if ('email' in cells) row.email = email;
  return row as unknown as RosterCsvRow;
}

/** A roster import's file: read in a worker thread, which loads this module by its name. */
export const ROSTER_CSV = csvSchema(__filename, 'ROSTER_CSV', RosterCsvRow, ROSTER_CSV_COLUMNS, acceptRosterRow);
