import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?limit=&offset=` for every list endpoint. */
export class PageQuery {
  /** Page size, 1–200 (default 50). */
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit: number = 50;

  /** Rows to skip (default 0). */
  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset: number = 0;
}

/** A page of a list, with the total count of matching rows. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
