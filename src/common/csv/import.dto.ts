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
  /** Rows that updated an existing record (matched by code or e-mail). */
  updated!: number;
  /** True when `dryRun=true`: the file was checked, nothing was written. */
  dryRun!: boolean;
}
