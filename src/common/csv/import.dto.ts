import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class ImportQuery {
  /** Check the file and report what would happen, without writing anything. */
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  dryRun?: boolean;
}

export class ImportResult {
  /** Rows that created a new record. */
  created!: number;
  /** Rows that changed an existing record (matched by code or e-mail). */
  updated!: number;
  /** Rows that matched an existing record and changed nothing. */
  unchanged!: number;
  /** True when `dryRun=true`: the import ran and was rolled back, so the counts are exactly what it would do. */
  dryRun!: boolean;
}
