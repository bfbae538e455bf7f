import { ApiPropertyOptional } from '@nestjs/swagger';
import { types } from 'pg';
import type { EntityMetadata } from 'typeorm';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { type SqlCheck, type SqlCondition, SqlParams } from '../sql';
import { toLocalIso } from '../time/time';
import type { RowsRead } from '../unit-of-work/unit-of-work';

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
   * Count all matching rows even when they run past this page. A count reads every match (for
   * `GET /api/events?q=` about three times the work of its page; for the filtered events list as much
   * as the page again), so without this a list answers `total: null` when there are more rows than
   * the page, and `hasMore` pages on. A page that reaches the end has its total either way.
   */
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsIn([true, false])
  total?: boolean;
}

/**
 * A page of a list: `hasMore` when rows follow it; `total` the count of matching rows — null for a
 * list without `total=true` whose rows run past the page (see PageQuery.total).
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
 * A list's statement, as its service composes it: the entity's table under `alias`, the conditions
 * (SQL with TypeORM-style named parameters, `:name`, from this module or another module's
 * `SqlCondition`), and the order. Written as SQL, not through a query builder: the builder's work
 * per request (clone, alias and parameter rewriting) was a fifth of a list's CPU in bench:events.
 */
export interface ListSql {
  /** The entity whose columns the page selects (named by property, as a plain find would). */
  metadata: EntityMetadata;
  alias: string;
  where: (SqlCondition | null | undefined | false)[];
  /** e.g. `e.starts_at, e.id` */
  orderBy: string;
}

/**
 * A page and its total in one statement: the columns TypeORM would select for the entity, named by
 * property (so the rows read like entities, without building them), and the total as an
 * uncorrelated scalar subquery over the same conditions (PostgreSQL runs it once, as an InitPlan,
 * each part with its own best plan — the page can stop after `limit` rows, the count can use a
 * bitmap index). Only when the page is empty (an offset past the end) is the total counted again.
 * Without `count` (a list that did not ask, see PageQuery.total) one row more than the page is
 * read instead, for `hasMore`, and the total is known only when the page reaches the end.
 * `checks` are selected as columns of the same statement and settled with their values. The rows
 * still carry those columns (`__total`, `__check<i>`; deleting them cost more than the page's views,
 * which pick their fields).
 */
export async function pageOf<T>(
  db: { query(sql: string, params: unknown[]): Promise<unknown> },
  list: ListSql,
  q: { limit: number; offset: number },
  options: { checks?: (SqlCheck | null)[]; count?: boolean } = {},
): Promise<{ rows: T[]; total: number | null; hasMore: boolean }> {
  const read = (sql: string, params: unknown[]) => db.query(sql, params) as Promise<Record<string, unknown>[]>;
  const { rows, total, hasMore } = await readPage(read, list, selection(list.metadata, list.alias), q, options);
  return { rows: rows as T[], total, hasMore };
}

/**
 * The JSON text of a page as the API answers it: `pageOf`'s statement with PostgreSQL selecting each
 * row as the API's view (`view`, a `RowView` over `list.alias`: its fields in order, named as the API
 * names them), so node-pg's row objects are the view once finished and go out through one
 * `JSON.stringify`: no entities, no views built, no `Date`s parsed. `read` must hand timestamps over
 * as text (`UnitOfWork.textRows` or `preparedTextRows`). (Built as one JSON document in PostgreSQL,
 * the same page cost about 40% more of its CPU.) The HTTP API's lists answer this (see `sendJson`);
 * the pages and other modules keep `pageOf`'s objects. For each list a test holds the two to the same JSON.
 */
export async function pageJsonOf(
  read: RowsRead,
  list: ListSql,
  view: RowView,
  q: { limit: number; offset: number },
  options: { checks?: (SqlCheck | null)[]; count?: boolean } = {},
): Promise<string> {
  const { rows, total, hasMore, own } = await readPage(read, list, view.select, q, options);
  return `{"items":${viewsJson(rows, view, own)},"total":${total === null ? 'null' : total},"hasMore":${hasMore},"limit":${q.limit},"offset":${q.offset}}`;
}

/**
 * `pageOf`'s statement with `select` (a select list over `list.alias` of plain columns: an expression
 * there would run for every match before the sort) as its columns, the count and the checks beside
 * them. Returns the rows, the total and `hasMore` as `pageOf` describes, and the names of the
 * statement's own columns the rows carry.
 */
async function readPage(
  read: RowsRead,
  list: ListSql,
  select: string,
  q: { limit: number; offset: number },
  options: { checks?: (SqlCheck | null)[]; count?: boolean },
): Promise<{ rows: Record<string, unknown>[]; total: number | null; hasMore: boolean; own: string[] }> {
  const { limit, offset } = q;
  const counted = options.count ?? true;
  const params = new SqlParams();
  const from = fromClause(list, params);
  const count = `SELECT count(*)::int AS n FROM ${from}`;
  const countParams = params.values.slice();
  const columns = [select];
  if (counted) columns.push(`(${count}) AS "__total"`);
  // Checks of the request (the caller's token) in the same statement.
  const checks = (options.checks ?? []).filter((c): c is SqlCheck => c !== null);
  for (const [i, c] of checks.entries()) columns.push(`(${positional(c.condition, params)}) AS "__check${i}"`);
  const page = `FROM ${from} ORDER BY ${list.orderBy} LIMIT ${params.add(counted ? limit : limit + 1)} OFFSET ${params.add(offset)}`;
  const rows = await read(`SELECT ${columns.join(', ')} ${page}`, params.values);
  for (const [i, c] of checks.entries()) await c.settle(rows.length ? rows[0][`__check${i}`] === true : undefined);
  const own = ownColumns(counted, checks.length);
  if (!counted) {
    const hasMore = rows.length > limit;
    if (hasMore) rows.length = limit;
    return { rows, total: hasMore || (rows.length === 0 && offset > 0) ? null : offset + rows.length, hasMore, own };
  }
  // Past the end: the count alone.
  const total = rows.length ? (rows[0].__total as number) : offset > 0 ? ((await read(count, countParams)) as { n: number }[])[0].n : 0;
  return { rows, total, hasMore: offset + rows.length < total, own };
}

/**
 * A JSON array of the rows of `select` (`FROM … ORDER BY …` over the tables `view` reads; `view` as
 * for `pageJsonOf`), the checks selected beside them: for lists that are not pages (the calendar).
 */
export async function arrayJsonOf(
  read: RowsRead,
  select: (params: SqlParams) => string,
  view: RowView,
  checks: SqlCheck[] = [],
): Promise<string> {
  const params = new SqlParams();
  const rows = select(params);
  const columns = [view.select];
  for (const [i, c] of checks.entries()) columns.push(`(${positional(c.condition, params)}) AS "__check${i}"`);
  const found = await read(`SELECT ${columns.join(', ')} ${rows}`, params.values);
  for (const [i, c] of checks.entries()) await c.settle(found.length ? found[0][`__check${i}`] === true : undefined);
  return viewsJson(found, view, ownColumns(false, checks.length));
}

/**
 * The rows as a JSON array of the view: each finished (`RowView.finish`), without the statement's own
 * columns (`__total`, `__check<i>`): set to undefined, which `JSON.stringify` leaves out — deleting them
 * would turn every row into a slower dictionary object.
 */
function viewsJson(rows: Record<string, unknown>[], view: RowView, own: string[]): string {
  for (const r of rows) {
    view.finish(r);
    for (const name of own) r[name] = undefined;
  }
  return JSON.stringify(rows);
}

/** The names of a statement's own columns beside a view: `__total` when counted, `__check<i>` per check. */
const ownColumns = (counted: boolean, checks: number) => [...(counted ? ['__total'] : []), ...Array.from({ length: checks }, (_, i) => `__check${i}`)];

/**
 * A list's row as the API answers it, for `pageJsonOf` / `arrayJsonOf`: a select list (over the
 * list's aliases) whose columns are the view's fields in order, named as the API names them, and
 * what Node finishes in each row that node-pg hands over. PostgreSQL writes what it writes cheaply
 * — plain columns, a timestamp as its own text — and Node turns that text into the API's forms and
 * builds small nested objects: formatting in PostgreSQL (`to_char`, `json_build_object`, whose argument
 * types are looked up on every call) cost the events search a quarter of its statement's CPU, and
 * writing the timestamps' text itself (`(t AT TIME ZONE 'UTC')::text`, a column more per local time,
 * the page a subquery so that these ran for its rows only) a quarter of what was left; the same work
 * in Node is a few microseconds a page. Built once per list by `rowView`.
 */
export interface RowView {
  select: string;
  finish: (row: Record<string, unknown>) => void;
}

/**
 * A field of a `rowView`: a plain column (`'e.title'`, `'e.venue_name AS "venueName"'`), one column
 * whose value Node maps (`isoField`), a value Node derives from an earlier field's finished value
 * (`localIsoField`: no column of its own beyond a NULL in its place), or several columns Node builds
 * one value of.
 */
export type ViewField =
  | string
  | { name: string; column: string; map: (value: unknown) => unknown }
  | { name: string; from: string; derive: (value: unknown) => unknown }
  | { name: string; columns: string[]; build: (values: unknown[]) => unknown };

/**
 * An instant as `Date.prototype.toJSON` writes it (`2019-04-01T01:30:00.000Z`): PostgreSQL selects the
 * column as it is, node-pg hands over its text (`UnitOfWork.textRows`: `2019-04-01 01:30:00.123456+00`
 * in the UTC session every pool opens, see SESSION_OPTIONS), Node keeps its milliseconds, truncated as
 * `Date` keeps them.
 */
export const isoField = (name: string, column: string): ViewField => ({
  name,
  column,
  map: (t) => (t === null ? null : isoOfTimestamptzText(t as string)),
});

/**
 * An instant as `toLocalIso` writes it (`2019-04-01T08:30:00+07:00`, Asia/Ho_Chi_Minh's fixed +07:00,
 * seconds truncated), derived from the `isoField` named `from`, which must come before it in the view.
 */
export const localIsoField = (name: string, from: string): ViewField => ({
  name,
  from,
  derive: (iso) => (typeof iso === 'string' ? localIsoOfIso(iso) : null),
});

/**
 * `2019-04-01T01:30:00.000Z` → `2019-04-01T08:30:00+07:00`. Seven hours on within the same date (UTC
 * before 17:00, most of a working day's times) is the hour's two digits rewritten; past midnight
 * `toLocalIso` carries the date (a `Date` for every value made finishing and writing an events page
 * two thirds slower).
 */
function localIsoOfIso(iso: string): string {
  const hour = (iso.charCodeAt(11) - 48) * 10 + (iso.charCodeAt(12) - 48) + 7;
  if (hour < 24) return `${iso.slice(0, 11)}${hour < 10 ? '0' : ''}${hour}${iso.slice(13, 19)}+07:00`;
  return toLocalIso(new Date(iso));
}

/**
 * A `timestamptz`'s text → `2019-04-01T01:30:00.fffZ` (milliseconds truncated, as node-pg's parsed
 * `Date` has them). In a UTC session the text ends in `+00` and is cut and pasted; anything else (a
 * session set to another zone, `infinity`) goes through node-pg's own parser and comes out as its value
 * would in `JSON.stringify` (null for `infinity`, which node-pg reads as a number).
 */
function isoOfTimestamptzText(t: string): string | null {
  if (t.length >= 22 && t.endsWith('+00') && t.charCodeAt(10) === 32) return isoOfUtcText(t.slice(0, -3));
  const parsed = (types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => unknown)(t);
  return parsed instanceof Date ? parsed.toJSON() : null;
}

/** `2019-04-01 01:30:00[.f…]` → `2019-04-01T01:30:00.fffZ` (milliseconds truncated, as node-pg's parsed `Date` has them). */
function isoOfUtcText(t: string): string {
  return t.length === 19 ? `${t.slice(0, 10)}T${t.slice(11)}.000Z` : `${t.slice(0, 10)}T${t.slice(11, 19)}.${t.slice(20, 23).padEnd(3, '0')}Z`;
}

/**
 * The `RowView` of these fields. A mapped field selects its column under its name, a derived one a
 * NULL in its place; a built one its first column under its name and the others under `__<name><i>`.
 * `finish` puts each field's value in place of its column (so the JSON keeps the view's order) and
 * sets a built field's other columns to undefined, which `JSON.stringify` leaves out.
 */
export function rowView(fields: ViewField[]): RowView {
  const select: string[] = [];
  type Step = (row: Record<string, unknown>) => void;
  const steps: Step[] = [];
  const named = new Set<string>();
  for (const f of fields) {
    if (typeof f === 'string') {
      select.push(f);
    } else if ('map' in f) {
      select.push(`${f.column} AS "${f.name}"`);
      const { name, map } = f;
      steps.push((row) => (row[name] = map(row[name])));
    } else if ('derive' in f) {
      if (!named.has(f.from)) throw new Error(`rowView: ${f.name} derives from ${f.from}, which no earlier field names`);
      select.push(`NULL AS "${f.name}"`);
      const { name, from, derive } = f;
      steps.push((row) => (row[name] = derive(row[from])));
    } else {
      const extra = f.columns.slice(1).map((_, i) => `__${f.name}${i + 1}`);
      select.push(`${f.columns[0]} AS "${f.name}"`, ...f.columns.slice(1).map((c, i) => `${c} AS "${extra[i]}"`));
      const { name, build } = f;
      steps.push((row) => {
        const values = [row[name]];
        for (const x of extra) {
          values.push(row[x]);
          row[x] = undefined;
        }
        row[name] = build(values);
      });
    }
    if (typeof f !== 'string') named.add(f.name);
  }
  return {
    select: select.join(', '),
    finish: (row) => {
      for (const step of steps) step(row);
    },
  };
}

/**
 * Answers `json` (text already in JSON, from `pageJsonOf`/`arrayJsonOf`) as the body: Fastify sends a
 * string with a JSON content type as it is. For a controller method with `@Res({ passthrough: true })`.
 */
export function sendJson(reply: { header(name: string, value: string): unknown }, json: string): string {
  reply.header('content-type', 'application/json; charset=utf-8');
  return json;
}

/** `table alias WHERE …` of a list, its conditions' parameters added to `params`. */
function fromClause(list: ListSql, params: SqlParams): string {
  const conditions = list.where.filter((c): c is SqlCondition => !!c).map((c) => positional(c, params));
  return `${list.metadata.tablePath} ${list.alias}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
}

/** Named parameters (`:name`, TypeORM's style) of a condition as positional ones of `params`; a name used twice is one parameter. */
export function positional(c: SqlCondition, params: SqlParams): string {
  const given = new Map<string, string>();
  return c.sql.replace(/(?<![:\w]):([A-Za-z_]\w*)/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(c.params, name)) return whole;
    let placeholder = given.get(name);
    if (!placeholder) given.set(name, (placeholder = params.add(c.params[name])));
    return placeholder;
  });
}

const selections = new WeakMap<EntityMetadata, Map<string, string>>();

/** `alias.column AS "property", …` for every column of the entity that a plain find would select (made once per entity and alias). */
function selection(metadata: EntityMetadata, alias: string): string {
  let byAlias = selections.get(metadata);
  if (!byAlias) selections.set(metadata, (byAlias = new Map()));
  let text = byAlias.get(alias);
  if (text === undefined) {
    const seen = new Set<string>();
    text = metadata.columns
      .filter((c) => c.isSelect && !c.isVirtual && !seen.has(c.databaseName) && seen.add(c.databaseName))
      .map((c) => `${alias}.${c.databaseName} AS "${c.propertyName}"`)
      .join(', ');
    byAlias.set(alias, text);
  }
  return text;
}
