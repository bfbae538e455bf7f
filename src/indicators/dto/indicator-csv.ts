import { Transform, Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, Length, Max, Min, IsInt } from 'class-validator';
import { csvSchema } from '../../common/csv/csv-rows';
import { cleanText } from '../../common/text/vietnamese';

/* Loaded by the CSV worker thread too: only validation and text helpers here, nothing of Nest or TypeORM. */

/** One row of a reported-values import: which indicator (code), which agency (code), which year, the value. */
export class IndicatorValueCsvRow {
  @IsString() @Length(1, 32)
  indicatorCode!: string;
  @IsString() @Length(1, 64)
  organizationCode!: string;
  @Type(() => Number) @IsInt() @Min(1945) @Max(2200)
  year!: number;
  @Transform(({ value }) => (typeof value === 'string' ? (value.trim() === '' ? undefined : Number(value.trim().replace(',', '.').replace(/%$/, ''))) : value)) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(10_000_000)
  value!: number;
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(0, 500)
  note?: string;
}

const COLUMNS: Record<keyof IndicatorValueCsvRow, string[]> = {
  indicatorCode: ['indicator_code', 'Mã chỉ số', 'Chỉ số', 'indicatorCode'],
  organizationCode: ['organization_code', 'Mã đơn vị', 'organizationCode'],
  year: ['year', 'Năm', 'Kỳ'],
  value: ['value', 'Giá trị', 'Kết quả'],
  note: ['note', 'Ghi chú'],
};

/** The values import's file: read in a worker thread, which loads this module by its name. */
export const INDICATOR_VALUE_CSV = csvSchema(__filename, 'INDICATOR_VALUE_CSV', IndicatorValueCsvRow, COLUMNS);
