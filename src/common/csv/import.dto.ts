import { applyDecorators } from '@nestjs/common';
import { ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ErrorBodyDto } from '../errors/error-body.dto';
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

/** OpenAPI: the 503 of an import endpoint while the queue of imports waiting for a CSV thread is full. */
export const ApiImportsBusyResponse = () =>
  applyDecorators(
    ApiServiceUnavailableResponse({
      description: '`server.imports_busy`: every CSV thread is busy and CSV_MAX_WAITING imports already wait; the body was not read. Send it again after Retry-After seconds',
      type: ErrorBodyDto,
      headers: { 'Retry-After': { description: 'Seconds to wait before sending the file again', schema: { type: 'integer', example: 10 } } },
    }),
  );
