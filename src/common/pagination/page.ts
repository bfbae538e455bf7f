import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { SqlCheck } from '../sql';

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

  /**
   * With `q`: count all matching rows even when they run past this page. A search's count reads
   * every match (for `GET /api/events?q=` about three times the work of its page), so without this
   * a search answers `total: null` when there are more rows than the page; `hasMore` pages on.
   */
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsIn([true, false])
  total?: boolean;
}

/**
 * A page of a list: `hasMore` when rows follow it; `total` the count of matching rows — null only
 * for a search (`q`) without `total=true` whose rows run past the page (see PageQuery.total).
 */
export interface Page<T> {
  items: T[];
  total: number | null;
  hasMore: boolean;
  limit: number;
  offset: number;
}

/** A page whose total was counted. */
export function pageWithTotal<T>(items: T[], total: number, q: { limit: number; offset: number }): Page<T> {
  return { items, total, hasMore: q.offset + items.length < total, limit: q.limit, offset: q.offset };
}

/**
 * A page and its total in one statement: the columns TypeORM would select for `alias`, named by
 * property (so the rows read like entities, without building them), and the total as an
 * uncorrelated scalar subquery over the same conditions (PostgreSQL runs it once, as an InitPlan,
 * each part with its own best plan — the page can stop after `limit` rows, the count can use a
 * bitmap index). Only when the page is empty (an offset past the end) is the total counted again.
 * Without `count` (a search that did not ask, see PageQuery.total) one row more than the page is
 * read instead, for `hasMore`, and the total is known only when the page reaches the end.
 * `checks` are selected as columns of the same statement and settled with their values.
 * `qb` carries the conditions and the order; it must not select anything itself.
 */
export async function pageOf<T>(
  qb: SelectQueryBuilder<ObjectLiteral>,
  alias: string,
  q: { limit: number; offset: number },
  options: { checks?: (SqlCheck | null)[]; count?: boolean } = {},
): Promise<{ rows: T[]; total: number | null; hasMore: boolean }> {
  const { limit, offset } = q;
  const counted = options.count ?? true;
  const count = qb.clone().orderBy().select('count(*)');
  const [first, ...rest] = selection(qb, alias);
  const page = qb.clone().select(first[0], first[1]);
  for (const [expr, as] of rest) page.addSelect(expr, as);
  if (counted) page.addSelect(`(${count.getQuery()})`, '__total');
  page.limit(counted ? limit : limit + 1).offset(offset);
  // Checks of the request (the caller's token) in the same statement.
  const checks = (options.checks ?? []).filter((c): c is SqlCheck => c !== null);
  for (const [i, c] of checks.entries()) page.addSelect(`(${c.condition.sql})`, `__check${i}`).setParameters(c.condition.params);
  const [sql, params] = page.getQueryAndParameters();
  const rows: (T & Record<string, unknown>)[] = await qb.connection.query(sql, params);
  for (const [i, c] of checks.entries()) await c.settle(rows.length ? rows[0][`__check${i}`] === true : undefined);
  for (const r of rows) for (let i = 0; i < checks.length; i++) delete r[`__check${i}`];
  if (!counted) {
    const hasMore = rows.length > limit;
    if (hasMore) rows.length = limit;
    return { rows, total: hasMore || (rows.length === 0 && offset > 0) ? null : offset + rows.length, hasMore };
  }
  if (rows.length === 0) return { rows: [], total: offset > 0 ? await count.getCount() : 0, hasMore: false };
  const total = Number(rows[0].__total);
  for (const r of rows) delete r.__total;
  return { rows, total, hasMore: offset + rows.length < total };
}

/** `alias.column AS "property"` for every column of the alias's entity that a plain find would select. */
function selection(qb: SelectQueryBuilder<ObjectLiteral>, alias: string): [string, string][] {
  const metadata = qb.expressionMap.findAliasByName(alias).metadata;
  const seen = new Set<string>();
  return metadata.columns
    .filter((c) => c.isSelect && !c.isVirtual && !seen.has(c.databaseName) && seen.add(c.databaseName))
    .map((c) => [`${alias}.${c.databaseName}`, c.propertyName]);
}
