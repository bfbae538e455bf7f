import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';
import { csvSchema } from '../../common/csv/csv-rows';
import { parseYesNo } from '../../common/csv/yes-no';
import { cleanText } from '../../common/text/vietnamese';
import { lowerEmail, PHONE } from './person-rules';

/* Loaded by the CSV worker thread too: only validation and text helpers here, nothing of Nest or TypeORM. */

/** One CSV row of a people import. */
export class PersonCsvRow {
  @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 200)
  fullName!: string;
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 300)
  title?: string;
  @IsString() @Length(1, 64)
  organizationCode!: string;
  @IsOptional() @Transform(lowerEmail) @IsEmail() @Length(3, 254)
  email?: string;
  @IsOptional() @IsString() @Matches(PHONE, { message: 'may contain digits, spaces and + ( ) . - only' })
  phone?: string;
  @IsOptional() @Transform(({ value }) => parseYesNo(value)) @IsBoolean({ message: 'must be có/không, yes/no, x or empty' })
  isLeader?: boolean;
}

const PERSON_CSV_COLUMNS: Record<keyof PersonCsvRow, string[]> = {
  fullName: ['full_name', 'Họ và tên', 'Họ tên', 'fullName', 'name'],
  title: ['title', 'Chức vụ'],
  organizationCode: ['organization_code', 'Mã đơn vị', 'Mã cơ quan', 'organizationCode'],
  email: ['email', 'E-mail', 'Thư điện tử'],
  phone: ['phone', 'Điện thoại', 'Số điện thoại'],
  isLeader: ['is_leader', 'Lãnh đạo', 'isLeader'],
};

/** The people import's file: read in a worker thread, which loads this module by its name. */
export const PERSON_CSV = csvSchema(__filename, 'PERSON_CSV', PersonCsvRow, PERSON_CSV_COLUMNS);
