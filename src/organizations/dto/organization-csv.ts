import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { csvSchema } from '../../common/csv/csv-rows';
import { cleanText } from '../../common/text/vietnamese';
import { ORGANIZATION_KINDS, ORGANIZATION_LEVELS, type OrganizationKind, type OrganizationLevel } from '../organization-kinds';

/* Loaded by the CSV worker thread too: only validation and text helpers here, nothing of Nest or TypeORM. */

/** One CSV row of an organization import; headers in Vietnamese or English (see README). */
export class OrganizationCsvRow {
  @IsString() @Length(1, 64) @Matches(/^[A-Za-z0-9._-]+$/, { message: 'may contain only letters, digits, dot, dash and underscore' })
  code!: string;
  @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 300)
  name!: string;
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 120)
  shortName?: string;
  @IsIn(ORGANIZATION_KINDS)
  kind!: OrganizationKind;
  @IsIn(ORGANIZATION_LEVELS)
  level!: OrganizationLevel;
  @IsOptional() @IsString() @Length(1, 64)
  parentCode?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1945) @Max(2200)
  headcountYear?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000)
  headcount?: number;
}

const ORGANIZATION_CSV_COLUMNS: Record<keyof OrganizationCsvRow, string[]> = {
  code: ['code', 'Mã', 'Mã đơn vị', 'ma dvhc'],
  name: ['name', 'Tên', 'Tên đơn vị'],
  shortName: ['short_name', 'Tên viết tắt', 'Tên ngắn', 'shortName'],
  kind: ['kind', 'Loại', 'Loại đơn vị'],
  level: ['level', 'Cấp'],
  parentCode: ['parent_code', 'Mã đơn vị cha', 'Mã cấp trên', 'parentCode'],
  headcountYear: ['headcount_year', 'Năm', 'Năm biên chế'],
  headcount: ['headcount', 'Biên chế', 'Số cán bộ', 'Số CBCCVC'],
};

/** The organization import's file: read in a worker thread, which loads this module by its name. */
export const ORGANIZATION_CSV = csvSchema(__filename, 'ORGANIZATION_CSV', OrganizationCsvRow, ORGANIZATION_CSV_COLUMNS);
