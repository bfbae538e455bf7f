import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import { ORGANIZATION_KINDS_SQL } from '../organizations/organizations.read-model';
import type { CreateDefinitionDto, DefinitionView, UpdateDefinitionDto } from './dto/indicator.dto';
import { AGENCIES_SQL, PARTICIPATION_SQL } from './participation.queries';
import type { AgencyGroup } from './scoring';

const DEFINITION = `id, code, name_vi AS "nameVi", name_en AS "nameEn", unit, source, metric, weight::float8 AS weight,
  target_department::float8 AS "targetDepartment", target_district::float8 AS "targetDistrict",
  threshold_good::float8 AS "thresholdGood", threshold_fair::float8 AS "thresholdFair", threshold_average::float8 AS "thresholdAverage", active`;

export interface ValueRow {
  definitionId: string;
  organizationId: string;
  year: number;
  value: number;
  note: string | null;
}

export interface SnapshotRow {
  id: string;
  rootOrganizationId: string;
  year: number;
  version: number;
  publishedAt: Date;
  publishedBy: string;
}

/** The indicators module's own tables, and its read of the participation figures (participation.queries.ts). */
@Injectable()
export class IndicatorsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private q<T>(sql: string, params: unknown[] = [], manager?: EntityManager): Promise<T[]> {
    return (manager ?? this.uow.manager).query(sql, params);
  }

  definitions(activeOnly = false): Promise<DefinitionView[]> {
    return this.q(`SELECT ${DEFINITION} FROM indicator_definitions ${activeOnly ? 'WHERE active' : ''} ORDER BY code`);
  }

  async definition(idOrCode: string): Promise<DefinitionView | undefined> {
    return (await this.q<DefinitionView>(`SELECT ${DEFINITION} FROM indicator_definitions WHERE id::text = $1 OR code = $1`, [idOrCode]))[0];
  }

  async insertDefinition(d: CreateDefinitionDto): Promise<string> {
    const [row] = await this.q<{ id: string }>(
      `INSERT INTO indicator_definitions (code, name_vi, name_en, unit, source, metric, weight, target_department, target_district, threshold_good, threshold_fair, threshold_average, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, 80), coalesce($11, 65), coalesce($12, 50), coalesce($13, true)) RETURNING id`,
      [d.code, d.nameVi, d.nameEn, d.unit, d.source, d.source === 'participation' ? (d.metric ?? null) : (d.metric ?? null), d.weight, d.targetDepartment ?? null, d.targetDistrict ?? null, d.thresholdGood ?? null, d.thresholdFair ?? null, d.thresholdAverage ?? null, d.active ?? null],
    );
    return row.id;
  }

  /** Sets the given fields of a definition (absent: unchanged; a target given as null: cleared). */
  async updateDefinition(id: string, d: UpdateDefinitionDto): Promise<void> {
    const columns: [keyof UpdateDefinitionDto, string][] = [
      ['nameVi', 'name_vi'], ['nameEn', 'name_en'], ['weight', 'weight'], ['targetDepartment', 'target_department'], ['targetDistrict', 'target_district'],
      ['thresholdGood', 'threshold_good'], ['thresholdFair', 'threshold_fair'], ['thresholdAverage', 'threshold_average'], ['active', 'active'],
    ];
    const given = columns.filter(([key]) => d[key] !== undefined);
    if (given.length === 0) return;
    await this.q(
      `UPDATE indicator_definitions SET ${given.map(([, column], i) => `${column} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...given.map(([key]) => d[key])],
    );
  }

  /**
   * Writes values (insert or update on definition, organization and year) in one statement; returns
   * how many rows were created and how many changed (an identical value is neither).
   */
  async upsertValues(rows: ValueRow[], manager?: EntityManager): Promise<{ created: number; updated: number }> {
    if (rows.length === 0) return { created: 0, updated: 0 };
    const [r] = await this.q<{ created: number; updated: number }>(
      `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::numeric[], $5::text[]) AS t(definition_id, organization_id, year, value, note)),
       written AS (
         INSERT INTO indicator_values (definition_id, organization_id, year, value, note)
         SELECT definition_id, organization_id, year, value, note FROM input
         ON CONFLICT ON CONSTRAINT indicator_values_definition_organization_year_key DO UPDATE SET value = EXCLUDED.value, note = EXCLUDED.note, updated_at = now()
          WHERE indicator_values.value IS DISTINCT FROM EXCLUDED.value OR indicator_values.note IS DISTINCT FROM EXCLUDED.note
         RETURNING (xmax = 0) AS created)
       SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM written`,
      [rows.map((x) => x.definitionId), rows.map((x) => x.organizationId), rows.map((x) => x.year), rows.map((x) => x.value), rows.map((x) => x.note)],
      manager,
    );
    return r;
  }

  /** Reported values of a year for the given agencies. */
  values(year: number, organizationIds: string[]): Promise<ValueRow[]> {
    return this.q(
      `SELECT definition_id AS "definitionId", organization_id AS "organizationId", year, value::float8 AS value, note
         FROM indicator_values WHERE year = $1 AND organization_id = ANY($2::uuid[]) ORDER BY organization_id, definition_id`,
      [year, organizationIds],
    );
  }

  /** The departments and districts directly under the root (by its path). */
  agencies(rootPath: string): Promise<{ organizationId: string; name: string; group: AgencyGroup }[]> {
    return this.q(AGENCIES_SQL, [rootPath]);
  }

  /** Kind and path of organizations, to check that values are entered for agencies inside the caller's scope. */
  kinds(ids: string[]): Promise<{ id: string; kind: string; path: string }[]> {
    return this.q(`SELECT id, kind, path FROM ${ORGANIZATION_KINDS_SQL} o WHERE id = ANY($1::uuid[])`, [ids]);
  }

  participation(rootPath: string, year: number): Promise<(Record<string, number | null> & { organizationId: string })[]> {
    return this.q(PARTICIPATION_SQL, [rootPath, year]);
  }

  /** The latest year with a reported value or a published ranking for the root's agencies (null: none yet). */
  async latestYear(rootId: string, organizationIds: string[]): Promise<number | null> {
    const [r] = await this.q<{ year: number | null }>(
      `SELECT greatest((SELECT max(year) FROM indicator_values WHERE organization_id = ANY($2::uuid[])), (SELECT max(year) FROM indicator_snapshots WHERE root_organization_id = $1)) AS year`,
      [rootId, organizationIds],
    );
    return r?.year ?? null;
  }

  /** Adds the next version of a ranking; the unique key makes two publishers at once one winner and one 409. */
  async insertSnapshot(rootOrganizationId: string, year: number, publishedAt: Date, publishedBy: string, ranking: unknown): Promise<SnapshotRow> {
    const [row] = await this.q<SnapshotRow>(
      `INSERT INTO indicator_snapshots (root_organization_id, year, version, published_at, published_by, ranking)
       SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5::jsonb FROM indicator_snapshots WHERE root_organization_id = $1 AND year = $2
       RETURNING id, root_organization_id AS "rootOrganizationId", year, version, published_at AS "publishedAt", published_by AS "publishedBy"`,
      [rootOrganizationId, year, publishedAt, publishedBy, JSON.stringify(ranking)],
    );
    return row;
  }

  snapshots(rootOrganizationId: string, year: number | null): Promise<SnapshotRow[]> {
    return this.q(
      `SELECT id, root_organization_id AS "rootOrganizationId", year, version, published_at AS "publishedAt", published_by AS "publishedBy"
         FROM indicator_snapshots WHERE root_organization_id = $1 AND ($2::int IS NULL OR year = $2) ORDER BY year DESC, version DESC`,
      [rootOrganizationId, year],
    );
  }

  async snapshot(where: { id: string } | { rootOrganizationId: string; year: number; version: number }): Promise<(SnapshotRow & { ranking: unknown }) | undefined> {
    const cols = `id, root_organization_id AS "rootOrganizationId", year, version, published_at AS "publishedAt", published_by AS "publishedBy", ranking`;
    const rows = 'id' in where
      ? await this.q<SnapshotRow & { ranking: unknown }>(`SELECT ${cols} FROM indicator_snapshots WHERE id = $1`, [where.id])
      : await this.q<SnapshotRow & { ranking: unknown }>(`SELECT ${cols} FROM indicator_snapshots WHERE root_organization_id = $1 AND year = $2 AND version = $3`, [where.rootOrganizationId, where.year, where.version]);
    return rows[0];
  }
}
