import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { neutralize, toCsv, toXlsx } from '../attendance/attendance-export';
import type { Principal } from '../common/auth/principal';
import { importTransaction, parseCsv, RowErrors, utf8Bytes } from '../common/csv/csv-import';
import type { ImportResult } from '../common/csv/import.dto';
import { isXlsx, xlsxToCsv } from '../common/csv/xlsx';
import { ApiError, badRequest, notFound } from '../common/errors/api-error';
import { translate, type Locale } from '../common/i18n/i18n';
import { Clock } from '../common/time/clock';
import { formatLocal } from '../common/time/time';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import type { AppConfig, CsvLimits } from '../config/env';
import { OrganizationsService } from '../organizations/organizations.service';
import type { CreateDefinitionDto, DefinitionView, RankingQuery, RankingView, SetValueDto, SnapshotsQuery, UpdateDefinitionDto } from './dto/indicator.dto';
import { INDICATOR_VALUE_CSV } from './dto/indicator-csv';
import { IndicatorsError } from './indicators.errors';
import { indicatorMessages } from './indicators-messages';
import { IndicatorsRepository, type SnapshotRow } from './indicators.repository';
import { AGENCY_GROUPS, type AgencyGroup, levelShares, rankAgencies, type ScoringDefinition } from './scoring';

export interface SnapshotView {
  id: string;
  organizationId: string;
  period: string;
  version: number;
  publishedAt: string;
  publishedBy: string;
}

const AGENCY_KINDS = new Set(['department', 'district']);
const snapshotView = (s: SnapshotRow): SnapshotView => ({
  id: s.id, organizationId: s.rootOrganizationId, period: String(s.year), version: s.version, publishedAt: new Date(s.publishedAt).toISOString(), publishedBy: s.publishedBy,
});

/**
 * Chỉ số và xếp hạng: indicator definitions, the values agencies report, the participation figures
 * hoinghi counts itself, the weighted score and ranking of a province's departments and districts
 * (scoring.ts), and published, frozen versions of a ranking (snapshots).
 */
@Injectable()
export class IndicatorsService {
  private readonly csvLimits: CsvLimits;

  constructor(
    private readonly repo: IndicatorsRepository,
    private readonly organizations: OrganizationsService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.csvLimits = config.get('csvLimits', { infer: true });
  }

  // ---- definitions ---------------------------------------------------------------------------

  listDefinitions(): Promise<DefinitionView[]> {
    return this.repo.definitions();
  }

  async definition(idOrCode: string): Promise<DefinitionView> {
    const d = await this.repo.definition(idOrCode);
    if (!d) throw notFound('Indicator', idOrCode, IndicatorsError.DefinitionNotFound);
    return d;
  }

  async createDefinition(dto: CreateDefinitionDto): Promise<DefinitionView> {
    if (dto.source === 'reported' && dto.metric) throw badRequest('Reported indicators are entered, not computed', [{ field: 'metric', message: 'is only for participation indicators' }]);
    const good = dto.thresholdGood ?? 80, fair = dto.thresholdFair ?? 65, average = dto.thresholdAverage ?? 50;
    if (!(good >= fair && fair >= average)) throw badRequest('Thresholds must descend', [{ field: 'thresholdFair', message: 'must be good ≥ fair ≥ average' }]);
    const id = await this.uow.run(() => this.repo.insertDefinition(dto));
    return this.definition(id);
  }

  /**
   * Changes a definition (admins): the live ranking follows at once; published snapshots keep what
   * they froze. Thresholds must still descend once merged with the ones not given.
   */
  async updateDefinition(id: string, dto: UpdateDefinitionDto): Promise<DefinitionView> {
    const current = await this.definition(id);
    const good = dto.thresholdGood ?? current.thresholdGood, fair = dto.thresholdFair ?? current.thresholdFair, average = dto.thresholdAverage ?? current.thresholdAverage;
    if (!(good >= fair && fair >= average)) {
      const field = dto.thresholdAverage !== undefined ? 'thresholdAverage' : dto.thresholdFair !== undefined ? 'thresholdFair' : 'thresholdGood';
      throw badRequest('Thresholds must descend', [{ field, message: 'must be good ≥ fair ≥ average' }]);
    }
    await this.uow.run(() => this.repo.updateDefinition(current.id, dto));
    return this.definition(current.id);
  }

  // ---- reported values -----------------------------------------------------------------------

  /** Enters (or corrects) one reported value of an agency in the caller's scope. */
  async setValue(principal: Principal, dto: SetValueDto) {
    const def = await this.definition(dto.definitionId);
    if (def.source !== 'reported') throw badRequest('Participation indicators are computed, not entered', [{ field: 'definitionId', message: 'is a participation indicator' }], IndicatorsError.NotReported);
    const org = await this.organizations.getInScope(principal, dto.organizationId);
    if (!AGENCY_KINDS.has(org.kind)) throw badRequest('Values are entered for departments and districts', [{ field: 'organizationId', message: 'is not a department or district' }], IndicatorsError.NotAnAgency);
    await this.uow.run(() => this.repo.upsertValues([{ definitionId: def.id, organizationId: org.id, year: dto.year, value: dto.value, note: dto.note || null }]));
    return { definitionId: def.id, organizationId: org.id, year: dto.year, value: dto.value, note: dto.note || null };
  }

  /** Reported values of a period for the agencies of a root (default: the caller's scope). */
  async listValues(principal: Principal, period: string, organizationId?: string) {
    const root = await this.root(principal, organizationId);
    const agencies = await this.repo.agencies(root.path);
    return this.repo.values(Number(period), agencies.map((a) => a.organizationId));
  }

  /**
   * A values file (CSV UTF-8 with or without BOM, or XLSX): Mã chỉ số, Mã đơn vị, Năm, Giá trị, Ghi chú.
   * Parsed in a worker thread; any bad row (unknown or computed indicator, unknown agency, outside the
   * scope, not a department or district, the same value twice) refuses the whole file with every bad
   * row listed; otherwise all rows are written in one transaction.
   */
  async importValues(principal: Principal, body: unknown, contentType: string | undefined, dryRun: boolean): Promise<ImportResult> {
    const bytes = isXlsx(body, contentType) ? await xlsxToCsv(body as Buffer, IndicatorsError.ImportRejected) : utf8Bytes(body);
    const errors = new RowErrors();
    const rows = await parseCsv(bytes, INDICATOR_VALUE_CSV, errors, this.csvLimits);
    const defs = new Map((await this.repo.definitions()).map((d) => [d.code, d]));
    const orgs = await this.organizations.idsByCode([...new Set(rows.map((r) => r.value.organizationCode))]);
    const kinds = new Map((await this.repo.kinds([...orgs.values()].map((o) => o.id))).map((k) => [k.id, k]));
    const scope = await this.organizations.scopePath(principal);
    const seen = new Map<string, number>();
    const out: { definitionId: string; organizationId: string; year: number; value: number; note: string | null }[] = [];
    for (const { line, value: r } of rows) {
      const def = defs.get(r.indicatorCode);
      const org = orgs.get(r.organizationCode);
      if (!def) errors.add(line, 'indicator_code', `no indicator with code ${r.indicatorCode}`);
      else if (def.source !== 'reported') errors.add(line, 'indicator_code', `${r.indicatorCode} is computed from participation, not entered`);
      if (!org) errors.add(line, 'organization_code', `no organization with code ${r.organizationCode}`);
      else if (scope && !org.path.startsWith(scope)) errors.add(line, 'organization_code', 'is outside your scope');
      else if (!AGENCY_KINDS.has(kinds.get(org.id)?.kind ?? '')) errors.add(line, 'organization_code', 'is not a department or district');
      if (!def || !org) continue;
      const key = `${def.id}:${org.id}:${r.year}`;
      const first = seen.get(key);
      if (first) errors.add(line, 'year', `the same indicator, organization and year as row ${first}`);
      else seen.set(key, line);
      out.push({ definitionId: def.id, organizationId: org.id, year: r.year, value: r.value, note: r.note || null });
    }
    errors.throwIfAny('Indicator values');
    return importTransaction(this.db, dryRun, rows.length, (m) => this.repo.upsertValues(out, m));
  }

  // ---- ranking -------------------------------------------------------------------------------

  /** The organization whose agencies are ranked: the one asked for (inside the scope) or the caller's scope. */
  private async root(principal: Principal, organizationId?: string) {
    const id = organizationId ?? principal.scopeOrganizationId;
    if (!id) throw badRequest('Say whose agencies to rank', [{ field: 'organizationId', message: 'is required for callers without a scope' }], IndicatorsError.RootRequired);
    return this.organizations.getInScope(principal, id);
  }

  /** The period a ranking page opens on: the latest year with figures or a published version, else last year. */
  async defaultPeriod(principal: Principal, organizationId?: string): Promise<string> {
    const root = await this.root(principal, organizationId);
    const agencies = await this.repo.agencies(root.path);
    const year = await this.repo.latestYear(root.id, agencies.map((a) => a.organizationId));
    return String(year ?? new Date(this.clock.now().getTime() + 7 * 3600_000).getUTCFullYear() - 1);
  }

  /** The live ranking of a period: every active indicator, each agency's values and scores, ranks and shares per level. */
  async ranking(principal: Principal, query: RankingQuery): Promise<RankingView> {
    const root = await this.root(principal, query.organizationId);
    const ranking = await this.compute(root, Number(query.period));
    return filterGroup(ranking, query.group);
  }

  private async compute(root: { id: string; name: string; path: string }, year: number): Promise<RankingView> {
    const [defs, agencies, participation] = await Promise.all([this.repo.definitions(true), this.repo.agencies(root.path), this.repo.participation(root.path, year)]);
    const values = await this.repo.values(year, agencies.map((a) => a.organizationId));
    const reported = new Map(values.map((v) => [`${v.definitionId}:${v.organizationId}`, v.value]));
    const counted = new Map(participation.map((p) => [p.organizationId, p]));
    const scoring: ScoringDefinition[] = defs.map((d) => ({
      id: d.id, unit: d.unit, weight: d.weight, targetDepartment: d.targetDepartment, targetDistrict: d.targetDistrict,
      thresholds: { good: d.thresholdGood, fair: d.thresholdFair, average: d.thresholdAverage },
    }));
    const missing = new Set<string>();
    const inputs = agencies.map((a) => ({
      organizationId: a.organizationId,
      group: a.group,
      values: Object.fromEntries(defs.map((d) => {
        if (d.source === 'participation') return [d.id, (counted.get(a.organizationId)?.[d.metric!] as number | null | undefined) ?? null];
        const v = reported.get(`${d.id}:${a.organizationId}`);
        if (v === undefined) missing.add(`${d.id}:${a.organizationId}`);
        // Not reported is scored 0: an agency does not rise by staying silent.
        return [d.id, v ?? 0];
      })),
    }));
    const names = new Map(agencies.map((a) => [a.organizationId, a.name]));
    const code = new Map(defs.map((d) => [d.id, d.code]));
    const rows = rankAgencies(scoring, inputs).map((r) => ({
      ...r,
      name: names.get(r.organizationId) ?? '',
      indicators: r.indicators.map((i) => ({ ...i, code: code.get(i.definitionId) ?? '', missing: missing.has(`${i.definitionId}:${r.organizationId}`) })),
    }));
    return { period: String(year), organizationId: root.id, organizationName: root.name, definitions: defs, rows, shares: sharesOf(rows), snapshot: null };
  }

  // ---- snapshots -----------------------------------------------------------------------------

  /** Freezes the live ranking of a period as the next version: later edits of values never change it. */
  async publish(principal: Principal, period: string, organizationId?: string): Promise<SnapshotView> {
    const root = await this.root(principal, organizationId);
    const ranking = await this.compute(root, Number(period));
    const row = await this.uow.run(() => this.repo.insertSnapshot(root.id, Number(period), this.clock.now(), principal.email, { ...ranking, snapshot: undefined }));
    return snapshotView(row);
  }

  async listSnapshots(principal: Principal, query: SnapshotsQuery): Promise<SnapshotView[]> {
    const root = await this.root(principal, query.organizationId);
    return (await this.repo.snapshots(root.id, query.period ? Number(query.period) : null)).map(snapshotView);
  }

  /** A published ranking by its id, as it was published (scope checked on its root). */
  async snapshot(principal: Principal, id: string, group?: AgencyGroup): Promise<RankingView> {
    const s = await this.repo.snapshot({ id });
    if (!s) throw notFound('Published ranking', id, IndicatorsError.SnapshotNotFound);
    await this.organizations.getInScope(principal, s.rootOrganizationId);
    return filterGroup(this.frozen(s), group);
  }

  private frozen(s: SnapshotRow & { ranking: unknown }): RankingView {
    return { ...(s.ranking as RankingView), snapshot: { id: s.id, version: s.version, publishedAt: new Date(s.publishedAt).toISOString(), publishedBy: s.publishedBy } };
  }

  /** A published version of a period by its number (404 when there is none). */
  async snapshotVersion(principal: Principal, query: RankingQuery, version: number): Promise<RankingView> {
    const root = await this.root(principal, query.organizationId);
    const s = await this.repo.snapshot({ rootOrganizationId: root.id, year: Number(query.period), version });
    if (!s) throw new ApiError(404, `No published version ${version} of ${query.period}`, [{ field: 'version', message: 'was not published' }], IndicatorsError.SnapshotNotFound);
    return filterGroup(this.frozen(s), query.group);
  }

  // ---- export --------------------------------------------------------------------------------

  /**
   * The ranking (live, or a published version) as XLSX or CSV (UTF-8 with BOM): Vietnamese headers, one
   * line per agency with its rank, level, score and every indicator's value; dates dd/MM/yyyy.
   */
  async export(principal: Principal, query: RankingQuery & { format?: 'xlsx' | 'csv'; version?: number }, locale: Locale = 'vi') {
    const ranking = query.version ? await this.snapshotVersion(principal, query, query.version) : await this.ranking(principal, query);
    const table = rankingTable(ranking, locale);
    const name = `xep-hang-chi-so-${ranking.period}${ranking.snapshot ? `-v${ranking.snapshot.version}` : ''}`;
    return query.format === 'csv'
      ? { contentType: 'text/csv; charset=utf-8', filename: `${name}.csv`, body: toCsv(table) }
      : { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${name}.xlsx`, body: await toXlsx(table, translate(indicatorMessages, locale, 'sheet')) };
  }
}

function sharesOf(rows: { group: AgencyGroup; level: RankingView['rows'][number]['level'] }[]): RankingView['shares'] {
  return {
    overall: levelShares(rows.map((r) => r.level)),
    department: levelShares(rows.filter((r) => r.group === 'department').map((r) => r.level)),
    district: levelShares(rows.filter((r) => r.group === 'district').map((r) => r.level)),
  };
}

/** Only one group's rows (their group ranks stay as computed among all of that group). */
function filterGroup(r: RankingView, group?: AgencyGroup): RankingView {
  return group && AGENCY_GROUPS.includes(group) ? { ...r, rows: r.rows.filter((x) => x.group === group) } : r;
}

const num = (n: number | null) => (n === null ? '' : String(n));

/** The ranking as a table of strings, headers in the locale (Vietnamese by default), formula-like cells neutralized. */
export function rankingTable(r: RankingView, locale: Locale = 'vi'): string[][] {
  const t = (key: keyof typeof indicatorMessages.vi) => translate(indicatorMessages, locale, key as never);
  const title = [`${t('export.title')} – ${r.organizationName} – ${r.period}`];
  const stamp = r.snapshot
    ? [`${t('export.published')} ${r.snapshot.version}: ${formatLocal(new Date(r.snapshot.publishedAt)).slice(0, 10)} (${r.snapshot.publishedBy})`]
    : [t('export.live')];
  const header = [t('col.rank'), t('col.groupRank'), t('col.organization'), t('col.group'), t('col.score'), t('col.level'), ...r.definitions.map((d) => `${locale === 'vi' ? d.nameVi : d.nameEn} (${d.code})`)];
  const body = r.rows.map((row) => [
    num(row.rank), num(row.groupRank), row.name, t(`group.${row.group}` as never), num(row.score), row.level ? t(`level.${row.level}` as never) : '',
    ...r.definitions.map((d) => num(row.indicators.find((i) => i.definitionId === d.id)?.value ?? null)),
  ]);
  return [header, ...body, [], [...title, ...stamp]].map((line) => line.map(neutralize));
}
