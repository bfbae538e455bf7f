import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';
import { csvSchema } from '../../common/csv/csv-rows';
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

/** A roster import's file: read in a worker thread, which loads this module by its name. */
export const ROSTER_CSV = csvSchema(__filename, 'ROSTER_CSV', RosterCsvRow, ROSTER_CSV_COLUMNS);
