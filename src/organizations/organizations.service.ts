import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, CsvLimits } from '../config/env';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { callerCheck, type Principal } from '../common/auth/principal';
import { eachSliced, importTransaction, parseCsv, RowErrors, utf8Bytes } from '../common/csv/csv-import';
import type { ImportResult } from '../common/csv/import.dto';
import { badRequest, forbidden, notFound } from '../common/errors/api-error';
import { OrganizationsError } from './organizations.errors';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import { isoField, type Page, pageJsonOf, pageOf, rowView } from '../common/pagination/page';
import { chunks, type SqlCheck, type SqlCondition } from '../common/sql';
import { escapeLike } from '../common/text/vietnamese';
import {
  type CreateOrganizationDto,
  type HeadcountDto,
  type ListOrganizationsQuery,
  type OrganizationView,
  type UpdateOrganizationDto,
} from './dto/organization.dto';
import { ORGANIZATION_CSV } from './dto/organization-csv';
import { Organization, OrganizationHeadcount } from './organization.entity';

const depthOf = (path: string) => path.split('/').length - 3;
/**
 * Levels an import may build (Bộ → tỉnh → sở/huyện → phòng/xã → … is far less). Also bounds the
 * parent-chain resolution: a hostile file of one 100,000-row chain is one row error, not a stack
 * overflow and quadratic paths.
 */
export const MAX_TREE_DEPTH = 16;
let conditionCounter = 0;
/** How many filter organizations' paths `withScopeFilter` keeps. */
const MAX_KNOWN_PATHS = 10_000;

/** A list's scope: its condition and the checks its statement must select (see `scopeFilter`). */
export interface ScopeFilter {
  condition: SqlCondition | null;
  checks: SqlCheck[];
}

/** A filter organization's path changed (moved or deleted) since it was kept: `withScopeFilter` reads it again. */
class StalePath extends Error {}

function toView(o: Organization, headcounts?: OrganizationHeadcount[]): OrganizationView {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    shortName: o.shortName,
    kind: o.kind,
    level: o.level,
    parentId: o.parentId,
    depth: depthOf(o.path),
    ...(headcounts ? { headcounts: headcounts.map((h) => ({ year: h.year, officials: h.officials })).sort((a, b) => a.year - b.year) } : {}),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

/** `toView` (without headcounts) as a select list over alias `o`, for `pageJsonOf`. */
const ORGANIZATION_VIEW = rowView([
  'o.id, o.code, o.name, o.short_name AS "shortName", o.kind, o.level, o.parent_id AS "parentId"',
  // (The path's text, counted in Node: an expression here would run for every match before the sort.)
  { name: 'depth', column: 'o.path', map: (path) => depthOf(path as string) },
  isoField('createdAt', 'o.created_at'),
  isoField('updatedAt', 'o.updated_at'),
]);

/** The administrative tree: every read and write of `organizations` and `organization_headcounts`. */
@Injectable()
export class OrganizationsService {
  private readonly csvLimits: CsvLimits;
  /** Paths of filter organizations read before, by id, for `withScopeFilter` (checked on every use). */
  private readonly paths = new Map<string, string>();

  constructor(
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.csvLimits = config.get('csvLimits', { infer: true });
  }

  // ---- scope: used by this module and exported to the others -------------------------------

  /** The materialised path of the caller's scope, or null when the caller sees the whole tree. */
  async scopePath(principal: Principal): Promise<string | null> {
    if (!principal.scopeOrganizationId) return null;
    // Read with the principal by the auth guard (this request's caller, so never stale across requests).
    if (principal.scope?.organizationId === principal.scopeOrganizationId) return principal.scope.path;
    const scope = await this.orgs.findOne({ where: { id: principal.scopeOrganizationId }, select: { id: true, path: true } });
    // A scope organization cannot be deleted while a user refers to it (FK), so this is a real invariant.
    if (!scope) throw forbidden('Your scope organization no longer exists');
    return scope.path;
  }

  /** Loads an organization the caller may act on: 404 if it does not exist, 403 if outside the caller's scope. */
  async getInScope(principal: Principal, id: string): Promise<Organization> {
    const org = await this.orgs.findOne({ where: { id } });
    if (!org) throw notFound('Organization', id, OrganizationsError.NotFound);
    const scope = await this.scopePath(principal);
    if (scope && !org.path.startsWith(scope)) throw forbidden('Organization is outside your scope');
    return org;
  }

  /** The path of an organization the caller may act on (404, 403 as `getInScope`): one column, no entity built. */
  private async pathInScope(principal: Principal, id: string): Promise<string> {
    const rows: { path: string }[] = await this.db.query('SELECT path FROM organizations WHERE id = $1', [id]);
    if (!rows.length) throw notFound('Organization', id, OrganizationsError.NotFound);
    this.remember(id, rows[0].path);
    const scope = await this.scopePath(principal);
    if (scope && !rows[0].path.startsWith(scope)) throw forbidden('Organization is outside your scope');
    return rows[0].path;
  }

  /** Keeps a path read for `withScopeFilter` (bounded: a province has a few thousand organizations). */
  private remember(id: string, path: string) {
    if (this.paths.size >= MAX_KNOWN_PATHS) this.paths.clear();
    this.paths.set(id, path);
  }

  /**
   * A condition on `column` (an organization id column of another module's table) that keeps only
   * rows of organizations inside the caller's scope; null when the caller sees everything.
   */
  async scopeCondition(principal: Principal, column: string, subtreeOf?: string): Promise<SqlCondition | null> {
    // A subtree the caller may see lies inside the caller's scope, so it is the narrower filter.
    // Unique names, so one query can combine several conditions (e.g. host in scope OR assignee in scope).
    const name = `scopePath${++conditionCounter}`;
    if (!subtreeOf && principal.scopeOrganizationId && principal.scope?.organizationId !== principal.scopeOrganizationId) {
      // The path not read with the caller (a caller checked in the query itself): read in the same statement.
      return {
        sql: `${column} IN (SELECT scope_o.id FROM organizations scope_o WHERE starts_with(scope_o.path, (SELECT s.path FROM organizations s WHERE s.id = :${name})))`,
        params: { [name]: principal.scopeOrganizationId },
      };
    }
    const path = subtreeOf ? await this.pathInScope(principal, subtreeOf) : await this.scopePath(principal);
    if (!path) return null;
    return { sql: `${column} IN (SELECT scope_o.id FROM organizations scope_o WHERE scope_o.path LIKE :${name})`, params: { [name]: `${escapeLike(path)}%` } };
  }

  /**
   * `scopeCondition` for a read that checks its caller in its own statement: the filter, and the
   * caller's check for that statement to select (see `callerCheck`). A filter organization
   * (`subtreeOf`) is still read first: with its path known, the planner sizes the subtree (read in
   * the statement, it guessed one organization and chose a nested loop over the time-range index,
   * 30 ms instead of 1 ms for bench:events' list).
   */
  async scopeFilter(principal: Principal, column: string, subtreeOf?: string): Promise<ScopeFilter> {
    const caller = callerCheck(principal);
    return { condition: await this.scopeCondition(principal, column, subtreeOf), checks: caller ? [caller] : [] };
  }

  /**
   * `read(scopeFilter(…))`, with the filter organization's path taken from the paths this process has
   * read before instead of a round trip of its own, and checked in `read`'s statement (one more check:
   * that organization still has that path, and for a caller whose scope was not read with it, that
   * the path lies in that scope). An organization moved or deleted since fails the check: `read` runs
   * again with the path read afresh (and so answers 404 or 403 as it would have).
   * `read` must select the filter's checks in its statement (as `pageJsonOf` and `pageOf` do).
   */
  async withScopeFilter<T>(principal: Principal, column: string, subtreeOf: string | undefined, read: (filter: ScopeFilter) => Promise<T>): Promise<T> {
    const known = subtreeOf ? this.paths.get(subtreeOf) : undefined;
    if (!subtreeOf || known === undefined) return read(await this.scopeFilter(principal, column, subtreeOf));
    // The caller's scope: its path when read with the caller; else (a caller checked in the statement
    // itself) tested in the same check, so that the request stays one statement.
    const scopeRead = !principal.scopeOrganizationId || principal.scope?.organizationId === principal.scopeOrganizationId;
    const scope = scopeRead ? await this.scopePath(principal) : null;
    if (scope && !known.startsWith(scope)) {
      this.paths.delete(subtreeOf); // outside the caller's scope, or stale: decided on a fresh read
      return read(await this.scopeFilter(principal, column, subtreeOf));
    }
    const scopeOrg = scopeRead ? null : principal.scopeOrganizationId;
    const test = (id: string, path: string, org: string) =>
      `EXISTS (SELECT 1 FROM organizations f WHERE f.id = ${id} AND f.path = ${path}${scopeOrg ? ` AND starts_with(f.path, (SELECT s.path FROM organizations s WHERE s.id = ${org}))` : ''})`;
    const caller = callerCheck(principal);
    const n = ++conditionCounter;
    const still: SqlCheck = {
      condition: { sql: test(`:filterId${n}`, `:filterPath${n}`, `:scopeOrg${n}`), params: { [`filterId${n}`]: subtreeOf, [`filterPath${n}`]: known, ...(scopeOrg ? { [`scopeOrg${n}`]: scopeOrg } : {}) } },
      settle: async (ok) => {
        if (ok === true) return;
        // No row to tell (an empty page of `pageOf`): asked on its own.
        if (ok === undefined && (await this.db.query(`SELECT ${test('$1', '$2', '$3')} AS ok`, scopeOrg ? [subtreeOf, known, scopeOrg] : [subtreeOf, known]))[0].ok === true) return;
        this.paths.delete(subtreeOf);
        throw new StalePath();
      },
    };
    const condition = { sql: `${column} IN (SELECT scope_o.id FROM organizations scope_o WHERE scope_o.path LIKE :scopePath${n})`, params: { [`scopePath${n}`]: `${escapeLike(known)}%` } };
    try {
      return await read({ condition, checks: caller ? [caller, still] : [still] });
    } catch (e) {
      if (!(e instanceof StalePath)) throw e;
      return read(await this.scopeFilter(principal, column, subtreeOf));
    }
  }

  /** Ids of the organizations whose codes are given, for importers in other modules. Codes not found are absent from the map. */
  async idsByCode(codes: string[], manager?: EntityManager): Promise<Map<string, { id: string; path: string }>> {
    if (codes.length === 0) return new Map();
    const rows: { id: string; code: string; path: string }[] = await (manager ?? this.db.manager).query(
      'SELECT id, code, path FROM organizations WHERE code = ANY($1)',
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { id: r.id, path: r.path }]));
  }

  /** Materialised paths of the given organizations, for scope checks in other modules' importers. */
  async pathsByIds(ids: string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; path: string }[] = await (manager ?? this.db.manager).query('SELECT id, path FROM organizations WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((r) => [r.id, r.path]));
  }

  // ---- reads -------------------------------------------------------------------------------

  /** Names of organizations by id, for other modules' views and mails: no scope check. */
  async namesByIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.db.query('SELECT id, name FROM organizations WHERE id = ANY($1)', [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async list(principal: Principal, query: ListOrganizationsQuery): Promise<Page<OrganizationView>> {
    const { list, checks, count } = await this.listSql(principal, query);
    const { rows, total, hasMore } = await pageOf<Organization>(this.db, list, query, { checks, count });
    return { items: rows.map((o) => toView(o)), total, hasMore, limit: query.limit, offset: query.offset };
  }

  /** `list` as the JSON text of the page (`pageJsonOf`: PostgreSQL selects the views): what the API answers. */
  async listJson(principal: Principal, query: ListOrganizationsQuery): Promise<string> {
    const { list, checks, count } = await this.listSql(principal, query);
    // A prepared statement (`uow.preparedTextRows`: parsed and planned once per connection, which was a
    // third of its PostgreSQL time). Safe with a generic plan: the organizations table is small (a province
    // has a few thousand), so every plan reads it in a few hundred microseconds, whatever the filter's values.
    return pageJsonOf(this.uow.preparedTextRows, list, ORGANIZATION_VIEW, query, { checks, count });
  }

  private async listSql(principal: Principal, query: ListOrganizationsQuery) {
    const { condition: scope, checks } = await this.scopeFilter(principal, 'o.id');
    const where: (SqlCondition | null)[] = [scope];
    if (query.kind) where.push({ sql: 'o.kind = :kind', params: { kind: query.kind } });
    if (query.level) where.push({ sql: 'o.level = :level', params: { level: query.level } });
    if (query.parentId) where.push({ sql: 'o.parent_id = :parentId', params: { parentId: query.parentId } });
    if (query.q) where.push({ sql: `o.search_text LIKE '%' || vn_fold(:q) || '%'`, params: { q: escapeLike(query.q) } });
    return { list: { metadata: this.orgs.metadata, alias: 'o', where, orderBy: 'o.name, o.code' }, checks, count: query.total === true };
  }

  async get(principal: Principal, id: string): Promise<OrganizationView> {
    return this.view(await this.getInScope(principal, id));
  }

  /** The full view of an organization the caller was already allowed to act on. */
  private async view(org: Organization | string): Promise<OrganizationView> {
    const o = typeof org === 'string' ? await this.orgs.findOneByOrFail({ id: org }) : org;
    return toView(o, await this.db.getRepository(OrganizationHeadcount).find({ where: { organizationId: o.id } }));
  }

  /** The organization and everything below it, parents before children, siblings in Vietnamese order. */
  async subtree(principal: Principal, id: string): Promise<OrganizationView[]> {
    const root = await this.getInScope(principal, id);
    const rows = await this.orgs
      .createQueryBuilder('o')
      .where('o.path LIKE :p', { p: `${escapeLike(root.path)}%` })
      .orderBy('length(o.path) - length(replace(o.path, \'/\', \'\'))')
      .addOrderBy('o.name')
      .getMany();
    return rows.map((o) => toView(o));
  }

  /** From the root down to the parent. Ancestors above the caller's scope are included: they name where the caller sits. */
  async ancestors(principal: Principal, id: string): Promise<OrganizationView[]> {
    const org = await this.getInScope(principal, id);
    const ids = org.path.split('/').filter((x) => x && x !== org.id);
    if (ids.length === 0) return [];
    const rows = await this.orgs.createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).getMany();
    return rows.sort((a, b) => a.path.length - b.path.length).map((o) => toView(o));
  }

  // ---- writes ------------------------------------------------------------------------------

  async create(principal: Principal, dto: CreateOrganizationDto): Promise<OrganizationView> {
    const parent = await this.parentFor(principal, dto.parentId ?? null);
    const id = randomUUID();
    await this.db.transaction(async (m) => {
      // The parent's path is re-read under a share lock so a concurrent move of the parent cannot leave this child behind.
      const parentPath: string | undefined = parent ? (await m.query('SELECT path FROM organizations WHERE id = $1 FOR SHARE', [parent.id]))[0]?.path : undefined;
      if (parent && !parentPath) throw badRequest('Parent organization not found', [{ field: 'parentId', message: `organization ${parent.id} does not exist` }], OrganizationsError.ParentNotFound);
      await m.insert(Organization, {
        id,
        code: dto.code,
        name: dto.name,
        shortName: dto.shortName ?? null,
        kind: dto.kind,
        level: dto.level,
        parentId: parent?.id ?? null,
        path: `${parentPath ?? '/'}${id}/`,
      });
      await this.upsertHeadcounts(m, id, dto.headcounts ?? []);
    });
    return this.view(id);
  }

  async update(principal: Principal, id: string, dto: UpdateOrganizationDto): Promise<OrganizationView> {
    const found = await this.getInScope(principal, id);
    const moving = dto.parentId !== undefined && dto.parentId !== found.parentId;
    if (moving && found.id === principal.scopeOrganizationId) throw forbidden('You cannot move your own scope organization');
    // Checked before the transaction: everything inside it uses the transaction's one connection.
    const newParent = moving ? await this.parentFor(principal, dto.parentId ?? null) : null;
    await this.db.transaction(async (m) => {
      if (moving) {
        // Lock the moved row and the new parent so concurrent moves and creates below them see final paths.
        const [org]: { id: string; path: string }[] = await m.query('SELECT id, path FROM organizations WHERE id = $1 FOR UPDATE', [id]);
        if (!org) throw notFound('Organization', id, OrganizationsError.NotFound);
        const parent = newParent ? ((await m.query('SELECT id, path FROM organizations WHERE id = $1 FOR SHARE', [newParent.id]))[0] as { id: string; path: string } | undefined) : null;
        if (newParent && !parent) throw badRequest('Parent organization not found', [{ field: 'parentId', message: `organization ${newParent.id} does not exist` }], OrganizationsError.ParentNotFound);
        if (parent && parent.path.startsWith(org.path)) {
          throw badRequest('An organization cannot be moved below itself', [{ field: 'parentId', message: 'is the organization itself or one of its descendants' }], OrganizationsError.MoveIntoOwnSubtree);
        }
        const newPath = `${parent?.path ?? '/'}${org.id}/`;
        await m.query(
          `UPDATE organizations SET path = $1 || substr(path, length($2) + 1), updated_at = now() WHERE path LIKE $3`,
          [newPath, org.path, `${escapeLike(org.path)}%`],
        );
        await m.update(Organization, { id }, { parentId: parent?.id ?? null });
      }
      const { headcounts, parentId: _parentId, ...fields } = dto;
      if (Object.keys(fields).length > 0) await m.update(Organization, { id }, fields);
      if (headcounts) await this.upsertHeadcounts(m, id, headcounts);
    });
    return this.view(id);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const org = await this.getInScope(principal, id);
    if (org.id === principal.scopeOrganizationId) throw forbidden('You cannot delete your own scope organization');
    // Children, people, users and (later) events refer to it with ON DELETE RESTRICT: the
    // database refuses and the error filter answers 409 naming what still refers to it.
    await this.orgs.delete({ id });
  }

  private async parentFor(principal: Principal, parentId: string | null): Promise<Organization | null> {
    if (!parentId) {
      if (principal.role !== 'admin') throw forbidden('Only an administrator can create or move an organization to the top level');
      return null;
    }
    const parent = await this.orgs.findOne({ where: { id: parentId } });
    if (!parent) throw badRequest('Parent organization not found', [{ field: 'parentId', message: `organization ${parentId} does not exist` }], OrganizationsError.ParentNotFound);
    const scope = await this.scopePath(principal);
    if (scope && !parent.path.startsWith(scope)) throw forbidden('The parent organization is outside your scope');
    return parent;
  }

  private async upsertHeadcounts(m: EntityManager, organizationId: string, rows: HeadcountDto[]) {
    const years = new Set<number>();
    for (const [i, h] of rows.entries()) {
      if (years.has(h.year)) throw badRequest('Each year may appear once', [{ field: `headcounts.${i}.year`, message: `year ${h.year} appears twice` }], OrganizationsError.HeadcountYearRepeated);
      years.add(h.year);
    }
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO organization_headcounts (organization_id, year, officials)
       SELECT $1, y, n FROM unnest($2::int[], $3::int[]) AS t(y, n)
       ON CONFLICT (organization_id, year) DO UPDATE SET officials = EXCLUDED.officials, updated_at = now()
       WHERE organization_headcounts.officials IS DISTINCT FROM EXCLUDED.officials`,
      [organizationId, rows.map((h) => h.year), rows.map((h) => h.officials)],
    );
  }

  // ---- CSV import ----------------------------------------------------------------------------

  /**
   * Imports organizations from CSV, all or nothing: rows are matched by code (existing → updated),
   * parents may be given by code from the database or from elsewhere in the same file.
   */
  async importCsv(principal: Principal, body: unknown, dryRun: boolean): Promise<ImportResult> {
    const errors = new RowErrors();
    const rows = await parseCsv(utf8Bytes(body), ORGANIZATION_CSV, errors, this.csvLimits);
    // The loops over every row yield now and then (eachSliced), and long parameter lists go in chunks:
    // with 100,000 rows, no step holds the event loop for more than a few milliseconds.
    const inFile = new Map<string, (typeof rows)[number]>();
    const codes = new Set<string>();
    await eachSliced(rows, (r) => {
      codes.add(r.value.code);
      if (r.value.parentCode) codes.add(r.value.parentCode);
      const first = inFile.get(r.value.code);
      if (first) errors.add(r.line, 'code', `code ${r.value.code} appears again (first on row ${first.line})`);
      else inFile.set(r.value.code, r);
    });
    await eachSliced(rows, (r) => {
      if (r.value.headcount !== undefined && r.value.headcountYear === undefined) errors.add(r.line, 'headcount_year', 'is required when headcount is given');
    });
    const scope = await this.scopePath(principal);

    return importTransaction(this.db, dryRun, rows.length, async (m) => {
      const existing = new Map<string, { id: string; path: string }>();
      for (const part of chunks([...codes], 5000)) for (const [code, org] of await this.idsByCode(part, m)) existing.set(code, org);
      // Resolve ids and paths parents-first; a parent chain that loops is reported on each row in it.
      const ids = new Map<string, string>();
      const paths = new Map<string, string | null>();
      const resolving = new Set<string>();
      const pathOf = (code: string, climbed = 0): string | null => {
        if (paths.has(code)) return paths.get(code)!;
        const row = inFile.get(code);
        if (!row) return existing.get(code)?.path ?? null;
        if (climbed > MAX_TREE_DEPTH) {
          errors.add(row.line, 'parent_code', `the parent chain is deeper than ${MAX_TREE_DEPTH} levels`);
          paths.set(code, null);
          return null;
        }
        if (resolving.has(code)) {
          errors.add(row.line, 'parent_code', 'the parent chain loops back to this row');
          paths.set(code, null);
          return null;
        }
        resolving.add(code);
        const id = existing.get(code)?.id ?? randomUUID();
        ids.set(code, id);
        let path: string | null;
        const parentCode = row.value.parentCode;
        if (!parentCode) {
          path = `/${id}/`;
          if (scope) errors.add(row.line, 'parent_code', 'is required: you may only import inside your scope');
        } else {
          const parentPath = pathOf(parentCode, climbed + 1);
          if (parentPath === null) {
            if (!inFile.has(parentCode) && !existing.has(parentCode)) errors.add(row.line, 'parent_code', `no organization with code ${parentCode}`);
            path = null;
          } else if (parentPath.includes(`/${id}/`)) {
            errors.add(row.line, 'parent_code', 'would place the organization below itself');
            path = null;
          } else path = `${parentPath}${id}/`;
        }
        if (path && depthOf(path) >= MAX_TREE_DEPTH) {
          errors.add(row.line, 'parent_code', `would make the tree deeper than ${MAX_TREE_DEPTH} levels`);
          path = null;
        }
        if (path && scope && !path.startsWith(scope)) errors.add(row.line, 'parent_code', 'is outside your scope');
        const current = existing.get(code);
        if (current && scope && !current.path.startsWith(scope)) errors.add(row.line, 'code', 'is an existing organization outside your scope');
        if (current && current.id === principal.scopeOrganizationId && path && path !== current.path) errors.add(row.line, 'parent_code', 'would move your own scope organization');
        resolving.delete(code);
        paths.set(code, path);
        return path;
      };
      await eachSliced(inFile.keys(), pathOf);
      errors.throwIfAny('Organization import');

      const created = new Set<string>();
      const changed = new Set<string>();
      // Parents before children, also across chunks (the parent FK is checked per statement): by depth,
      // at most MAX_TREE_DEPTH of them, so one pass into buckets instead of a sort that cannot pause.
      const byDepth: (typeof rows)[] = [];
      await eachSliced(rows, (r) => (byDepth[depthOf(paths.get(r.value.code)!)] ??= []).push(r));
      const ordered = byDepth.flatMap((level) => level ?? []);
      for (const part of chunks(ordered, 2000)) {
        const v = part.map((r) => r.value);
        const written: { id: string; inserted: boolean }[] = await m.query(
          `INSERT INTO organizations AS o (id, code, name, short_name, kind, level, parent_id, path)
           SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::uuid[], $8::text[])
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, short_name = EXCLUDED.short_name, kind = EXCLUDED.kind,
             level = EXCLUDED.level, parent_id = EXCLUDED.parent_id, path = EXCLUDED.path, updated_at = now()
           WHERE (o.name, o.short_name, o.kind, o.level, o.parent_id, o.path)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.short_name, EXCLUDED.kind, EXCLUDED.level, EXCLUDED.parent_id, EXCLUDED.path)
           RETURNING o.id, (o.xmax = 0) AS inserted`,
          [
            v.map((x) => ids.get(x.code)),
            v.map((x) => x.code),
            v.map((x) => x.name),
            v.map((x) => x.shortName ?? null),
            v.map((x) => x.kind),
            v.map((x) => x.level),
            v.map((x) => (x.parentCode ? (ids.get(x.parentCode) ?? existing.get(x.parentCode)!.id) : null)),
            v.map((x) => paths.get(x.code)),
          ],
        );
        for (const w of written) (w.inserted ? created : changed).add(w.id);
      }
      for (const withHeadcount of chunks(rows.filter((r) => r.value.headcount !== undefined), 5000)) {
        const counted: { organization_id: string }[] = await m.query(
          `INSERT INTO organization_headcounts AS h (organization_id, year, officials)
           SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[])
           ON CONFLICT (organization_id, year) DO UPDATE SET officials = EXCLUDED.officials, updated_at = now()
           WHERE h.officials IS DISTINCT FROM EXCLUDED.officials
           RETURNING h.organization_id`,
          [withHeadcount.map((r) => ids.get(r.value.code)), withHeadcount.map((r) => r.value.headcountYear), withHeadcount.map((r) => r.value.headcount)],
        );
        for (const c of counted) if (!created.has(c.organization_id)) changed.add(c.organization_id);
      }
      // An existing organization that moved takes the descendants not named in the file with it.
      await m.query(
        `WITH RECURSIVE t(id, path) AS (
           SELECT id, '/' || id || '/' FROM organizations WHERE parent_id IS NULL
           UNION ALL SELECT o.id, t.path || o.id || '/' FROM organizations o JOIN t ON o.parent_id = t.id)
         UPDATE organizations o SET path = t.path FROM t WHERE o.id = t.id AND o.path <> t.path`,
      );
      return { created: created.size, updated: changed.size };
    });
  }
}
