import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
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

/**
 * A page and its total in one statement: the columns TypeORM would select for `alias`, named by
 * property (so the rows read like entities, without building them), and the total as an
 * uncorrelated scalar subquery over the same conditions (PostgreSQL runs it once, as an InitPlan,
 * each part with its own best plan — the page can stop after `limit` rows, the count can use a
 * bitmap index). Only when the page is empty (an offset past the end) is the total counted again.
 * `qb` carries the conditions and the order; it must not select anything itself.
 */
export async function pageOf<T>(qb: SelectQueryBuilder<ObjectLiteral>, alias: string, limit: number, offset: number): Promise<{ rows: T[]; total: number }> {
  const count = qb.clone().orderBy().select('count(*)');
  const [first, ...rest] = selection(qb, alias);
  const page = qb.clone().select(first[0], first[1]);
  for (const [expr, as] of rest) page.addSelect(expr, as);
  page.addSelect(`(${count.getQuery()})`, '__total').limit(limit).offset(offset);
  const [sql, params] = page.getQueryAndParameters();
  const rows: (T & { __total?: string })[] = await qb.connection.query(sql, params);
  if (rows.length === 0) return { rows: [], total: offset > 0 ? await count.getCount() : 0 };
  const total = Number(rows[0].__total);
  for (const r of rows) delete r.__total;
  return { rows, total };
}

/** `alias.column AS "property"` for every column of the alias's entity that a plain find would select. */
function selection(qb: SelectQueryBuilder<ObjectLiteral>, alias: string): [string, string][] {
  const metadata = qb.expressionMap.findAliasByName(alias).metadata;
  const seen = new Set<string>();
  return metadata.columns
    .filter((c) => c.isSelect && !c.isVirtual && !seen.has(c.databaseName) && seen.add(c.databaseName))
    .map((c) => [`${alias}.${c.databaseName}`, c.propertyName]);
}
