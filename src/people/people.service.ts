import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, CsvLimits } from '../config/env';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { Principal } from '../common/auth/principal';
import { type CsvRow, eachSliced, importTransaction, parseCsv, RowErrors, utf8Bytes } from '../common/csv/csv-import';
import type { ImportResult } from '../common/csv/import.dto';
import { badRequest, notFound } from '../common/errors/api-error';
import { PeopleError } from './people.errors';
import { isoField, type Page, pageJsonOf, pageOf, rowView } from '../common/pagination/page';
import { chunks, type SqlCondition } from '../common/sql';
import { escapeLike } from '../common/text/vietnamese';
import { OrganizationsService, type ScopeFilter } from '../organizations/organizations.service';
import { type CreatePersonDto, type ListPeopleQuery, type PersonView, type UpdatePersonDto } from './dto/person.dto';
import { PERSON_CSV, type PersonCsvRow } from './dto/person-csv';
import { Person } from './person.entity';

const toView = (p: Person): PersonView => ({
  id: p.id,
  fullName: p.fullName,
  title: p.title,
  organizationId: p.organizationId,
  isLeader: p.isLeader,
  email: p.email,
  phone: p.phone,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

/** `toView` as a select list over alias `p`, for `pageJsonOf`. */
const PERSON_VIEW = rowView([
  'p.id, p.full_name AS "fullName", p.title, p.organization_id AS "organizationId", p.is_leader AS "isLeader", p.email, p.phone',
  isoField('createdAt', 'p.created_at'),
  isoField('updatedAt', 'p.updated_at'),
]);

/** Officials: every read and write of `people`. Scope follows the person's organization. */
@Injectable()
export class PeopleService {
  private readonly csvLimits: CsvLimits;

  constructor(
    @InjectRepository(Person) private readonly people: Repository<Person>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly uow: UnitOfWork,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.csvLimits = config.get('csvLimits', { infer: true });
  }

  async list(principal: Principal, query: ListPeopleQuery): Promise<Page<PersonView>> {
    return this.organizations.withScopeFilter(principal, 'p.organization_id', query.organizationId, async (scope) => {
      const { list, checks, count } = this.listSql(scope, query);
      const { rows, total, hasMore } = await pageOf<Person>(this.db, list, query, { checks, count });
      return { items: rows.map(toView), total, hasMore, limit: query.limit, offset: query.offset };
    });
  }

  /** `list` as the JSON text of the page (`pageJsonOf`: PostgreSQL selects the views): what the API answers. */
  async listJson(principal: Principal, query: ListPeopleQuery): Promise<string> {
    return this.organizations.withScopeFilter(principal, 'p.organization_id', query.organizationId, (scope) => {
      const { list, checks, count } = this.listSql(scope, query);
      return pageJsonOf(this.uow.textRows, list, PERSON_VIEW, query, { checks, count });
    });
  }

  private listSql({ condition: scope, checks }: ScopeFilter, query: ListPeopleQuery) {
    const where: (SqlCondition | null)[] = [scope];
    if (query.isLeader !== undefined) where.push({ sql: 'p.is_leader = :l', params: { l: query.isLeader } });
    if (query.q) where.push({ sql: `p.search_text LIKE '%' || vn_fold(:q) || '%'`, params: { q: escapeLike(query.q) } });
    return { list: { metadata: this.people.metadata, alias: 'p', where, orderBy: 'p.full_name, p.id' }, checks, count: query.total === true };
  }

  /** Which of these people exist (for other modules that refer to people, e.g. an event's chair). */
  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.uow.manager.query('SELECT id FROM people WHERE id = ANY($1)', [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * People by id, for other modules (invitations render names and addresses): no scope check. Read
   * in the caller's unit of work when there is one, so a person it just created is there.
   */
  async byIds(ids: string[]): Promise<Map<string, PersonView>> {
    if (ids.length === 0) return new Map();
    const rows = await this.uow.manager.getRepository(Person).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids: [...new Set(ids)] }).getMany();
    return new Map(rows.map((p) => [p.id, toView(p)]));
  }

  /**
   * Each organization's first leader (by name) who has an e-mail: an agency's default contact for
   * invitations. Organizations without one are absent from the map.
   */
  async leadersWithEmail(organizationIds: string[]): Promise<Map<string, PersonView>> {
    if (organizationIds.length === 0) return new Map();
    const rows = await this.uow.manager
      .getRepository(Person)
      .createQueryBuilder('p')
      .distinctOn(['p.organization_id'])
      .where('p.organization_id = ANY(:ids) AND p.is_leader AND p.email IS NOT NULL', { ids: [...new Set(organizationIds)] })
      .orderBy('p.organization_id')
      .addOrderBy('p.full_name')
      .getMany();
    return new Map(rows.map((p) => [p.organizationId, toView(p)]));
  }


  /**
   * The person with this e-mail, or a new one in `organizationId` (a substitute or a nominee typed in
   * by an official on a public page). An existing person is returned unchanged.
   */
  async findOrCreateByEmail(p: { fullName: string; title?: string | null; email: string; organizationId: string }): Promise<PersonView> {
    const m = this.uow.manager;
    const email = p.email.toLowerCase();
    await m.query(
      `INSERT INTO people (full_name, title, organization_id, email) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING`,
      [p.fullName, p.title ?? null, p.organizationId, email],
    );
    return toView(await m.getRepository(Person).findOneByOrFail({ email }));
  }

  /**
   * Creates people in bulk (training's roster import: names not in the directory), in the caller's
   * unit of work, with one multi-row INSERT; the caller has checked their organizations. Ids in input order.
   */
  async createMany(rows: { fullName: string; title?: string | null; email?: string | null; phone?: string | null; organizationId: string }[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const out: { id: string }[] = await this.uow.manager.query(
      `INSERT INTO people (full_name, title, organization_id, email, phone)
       SELECT full_name, title, organization_id, email, phone FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::varchar[], $5::varchar[]) WITH ORDINALITY AS v(full_name, title, organization_id, email, phone, n)
       ORDER BY n
       RETURNING id`,
      [rows.map((r) => r.fullName), rows.map((r) => r.title ?? null), rows.map((r) => r.organizationId), rows.map((r) => r.email?.toLowerCase() ?? null), rows.map((r) => r.phone ?? null)],
    );
    return out.map((r) => r.id);
  }

  /** A person the caller may act on: 404 if missing, 403 if their organization is outside the caller's scope. */
  async getInScope(principal: Principal, id: string): Promise<Person> {
    const person = await this.people.findOne({ where: { id } });
    if (!person) throw notFound('Person', id, PeopleError.NotFound);
    await this.organizations.getInScope(principal, person.organizationId);
    return person;
  }

  async get(principal: Principal, id: string): Promise<PersonView> {
    return toView(await this.getInScope(principal, id));
  }

  async create(principal: Principal, dto: CreatePersonDto): Promise<PersonView> {
    await this.organizationFor(principal, dto.organizationId);
    const saved = await this.people.save(this.people.create({ ...dto, isLeader: dto.isLeader ?? false, title: dto.title ?? null, email: dto.email ?? null, phone: dto.phone ?? null }));
    return toView(saved);
  }

  async update(principal: Principal, id: string, dto: UpdatePersonDto): Promise<PersonView> {
    await this.getInScope(principal, id);
    if (dto.organizationId) await this.organizationFor(principal, dto.organizationId);
    if (Object.keys(dto).length > 0) await this.people.update({ id }, dto);
    return toView(await this.people.findOneByOrFail({ id }));
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.getInScope(principal, id);
    await this.people.delete({ id });
  }

  private async organizationFor(principal: Principal, organizationId: string) {
    try {
      return await this.organizations.getInScope(principal, organizationId);
    } catch (e) {
      if ((e as { status?: number }).status === 404) {
        throw badRequest('Organization not found', [{ field: 'organizationId', message: `organization ${organizationId} does not exist` }], PeopleError.OrganizationNotFound);
      }
      throw e;
    }
  }

  /**
   * Imports people from CSV, all or nothing. A row with an e-mail already known updates that
   * person; a row without an e-mail updates the e-mail-less person of the same name in the same
   * organization (so importing the same file twice creates nobody twice); any other row creates
   * a person. Every organization code must exist and be in scope.
   */
  async importCsv(principal: Principal, body: unknown, dryRun: boolean): Promise<ImportResult> {
    const errors = new RowErrors();
    const rows = await parseCsv(utf8Bytes(body), PERSON_CSV, errors, this.csvLimits);
    // The loops over every row yield now and then (eachSliced), and long parameter lists go in chunks:
    // with 100,000 rows, no step holds the event loop for more than a few milliseconds.
    const byEmail = new Map<string, number>();
    const codes = new Set<string>();
    await eachSliced(rows, (r) => {
      codes.add(r.value.organizationCode);
      if (!r.value.email) return;
      const first = byEmail.get(r.value.email);
      if (first) errors.add(r.line, 'email', `${r.value.email} appears again (first on row ${first})`);
      else byEmail.set(r.value.email, r.line);
    });
    const scope = await this.organizations.scopePath(principal);
    return importTransaction(this.db, dryRun, rows.length, async (m) => {
      const orgs = await this.organizations.idsByCode([...codes], m);
      await eachSliced(rows, (r) => {
        const org = orgs.get(r.value.organizationCode);
        if (!org) errors.add(r.line, 'organization_code', `no organization with code ${r.value.organizationCode}`);
        else if (scope && !org.path.startsWith(scope)) errors.add(r.line, 'organization_code', 'is outside your scope');
      });
      const known: { email: string; organization_id: string }[] = [];
      for (const part of chunks([...byEmail.keys()], 5000)) {
        known.push(...(await m.query('SELECT email, organization_id FROM people WHERE email = ANY($1)', [part])));
      }
      if (scope && known.length) {
        const paths = await this.organizations.pathsByIds([...new Set(known.map((k) => k.organization_id))], m);
        for (const k of known) {
          if (!paths.get(k.organization_id)?.startsWith(scope)) errors.add(byEmail.get(k.email)!, 'email', 'belongs to a person outside your scope');
        }
      }
      const nameless = await this.matchNameless(m, rows, orgs, errors);
      errors.throwIfAny('People import');

      let created = 0;
      let updated = 0;
      for (const toUpdate of chunks(rows.filter((r) => nameless.has(r.line)), 5000)) {
        // In a CTE so the driver hands back the rows (TypeORM answers a bare UPDATE with [rows, count]).
        const changed: unknown[] = await m.query(
          `WITH changed AS (
             UPDATE people p SET title = v.title, phone = v.phone, is_leader = v.is_leader, updated_at = now()
             FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::bool[]) AS v(id, title, phone, is_leader)
             WHERE p.id = v.id AND (p.title, p.phone, p.is_leader) IS DISTINCT FROM (v.title, v.phone, v.is_leader)
             RETURNING p.id)
           SELECT id FROM changed`,
          [toUpdate.map((r) => nameless.get(r.line)), toUpdate.map((r) => r.value.title ?? null), toUpdate.map((r) => r.value.phone ?? null), toUpdate.map((r) => r.value.isLeader ?? false)],
        );
        updated += changed.length;
      }
      for (const part of chunks(rows.filter((r) => !nameless.has(r.line)), 5000)) {
        const v = part.map((r) => r.value);
        const written: { inserted: boolean }[] = await m.query(
          `INSERT INTO people AS p (full_name, title, organization_id, email, phone, is_leader)
           SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::varchar[], $5::varchar[], $6::bool[])
           ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name, title = EXCLUDED.title, organization_id = EXCLUDED.organization_id,
             phone = EXCLUDED.phone, is_leader = EXCLUDED.is_leader, updated_at = now()
           WHERE (p.full_name, p.title, p.organization_id, p.phone, p.is_leader)
             IS DISTINCT FROM (EXCLUDED.full_name, EXCLUDED.title, EXCLUDED.organization_id, EXCLUDED.phone, EXCLUDED.is_leader)
           RETURNING (p.xmax = 0) AS inserted`,
          [
            v.map((x) => x.fullName),
            v.map((x) => x.title ?? null),
            v.map((x) => orgs.get(x.organizationCode)!.id),
            v.map((x) => x.email ?? null),
            v.map((x) => x.phone ?? null),
            v.map((x) => x.isLeader ?? false),
          ],
        );
        for (const w of written) if (w.inserted) created++; else updated++;
      }
      return { created, updated };
    });
  }

  /** Row line → id of the existing e-mail-less person of the same name and organization. */
  private async matchNameless(
    m: EntityManager,
    rows: CsvRow<PersonCsvRow>[],
    orgs: Map<string, { id: string }>,
    errors: RowErrors,
  ): Promise<Map<number, string>> {
    const candidates = rows.filter((r) => !r.value.email && orgs.has(r.value.organizationCode));
    const key = (orgId: string, name: string) => `${orgId}|${name}`;
    const inFile = new Map<string, number>();
    const orgIds = new Set<string>();
    const names = new Set<string>();
    await eachSliced(candidates, (r) => {
      const orgId = orgs.get(r.value.organizationCode)!.id;
      orgIds.add(orgId);
      names.add(r.value.fullName);
      const k = key(orgId, r.value.fullName);
      const first = inFile.get(k);
      if (first) errors.add(r.line, 'full_name', `${r.value.fullName} without e-mail appears again in the same organization (first on row ${first}); add e-mails to tell them apart`);
      else inFile.set(k, r.line);
    });
    if (candidates.length === 0) return new Map();
    const found = new Map<string, string[]>();
    for (const part of chunks([...names], 5000)) {
      const existing: { id: string; organization_id: string; full_name: string }[] = await m.query(
        'SELECT id, organization_id, full_name FROM people WHERE email IS NULL AND organization_id = ANY($1) AND full_name = ANY($2)',
        [[...orgIds], part],
      );
      for (const e of existing) found.set(key(e.organization_id, e.full_name), [...(found.get(key(e.organization_id, e.full_name)) ?? []), e.id]);
    }
    const matched = new Map<number, string>();
    await eachSliced(candidates, (r) => {
      const ids = found.get(key(orgs.get(r.value.organizationCode)!.id, r.value.fullName)) ?? [];
      if (ids.length > 1) errors.add(r.line, 'full_name', `${ids.length} people named ${r.value.fullName} without e-mail exist in this organization; add an e-mail to choose`);
      else if (ids.length === 1) matched.set(r.line, ids[0]);
    });
    return matched;
  }
}
