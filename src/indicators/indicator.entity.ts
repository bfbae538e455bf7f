import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import type { Organization } from '../organizations/organization.entity';
import type { IndicatorMetric, IndicatorSource, IndicatorUnit } from './scoring';

/**
 * What is measured of an agency each year (seed 002's plan targets, seed 003's ranking): either
 * computed by hoinghi from participation (`source = participation`, `metric` names the figure) or
 * entered by the agencies (`reported`). `weight` is its share of the score; the targets are per level
 * of agency (a department's 50% is a district's 30%); the thresholds give an indicator's own level.
 */
@Entity('indicator_definitions')
@Check('indicator_definitions_unit_check', `unit IN ('percent','count')`)
@Check('indicator_definitions_source_check', `source IN ('participation','reported')`)
@Check(
  'indicator_definitions_metric_check',
  `(source = 'participation') = (metric IS NOT NULL) AND (metric IS NULL OR metric IN ('invitations_answered','attendance_rate','headcount_trained','certificates_issued'))`,
)
@Check('indicator_definitions_weight_check', 'weight > 0 AND weight <= 100')
@Check('indicator_definitions_targets_check', '(target_department IS NULL OR target_department > 0) AND (target_district IS NULL OR target_district > 0)')
@Check('indicator_definitions_thresholds_check', 'threshold_good >= threshold_fair AND threshold_fair >= threshold_average AND threshold_average >= 0 AND threshold_good <= 100')
export class IndicatorDefinition extends BaseEntity {
  @Index('indicator_definitions_code_key', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 300, collation: 'vi-x-icu' })
  nameVi!: string;

  @Column({ type: 'varchar', length: 300 })
  nameEn!: string;

  @Column({ type: 'varchar', length: 8 })
  unit!: IndicatorUnit;

  @Column({ type: 'varchar', length: 16 })
  source!: IndicatorSource;

  @Column({ type: 'varchar', length: 32, nullable: true })
  metric!: IndicatorMetric | null;

  @Column({ type: 'numeric', precision: 6, scale: 2 })
  weight!: string;

  /** The plan's target for departments (sở, ban, ngành) and for districts (huyện, thành phố); null: 100% (percent). */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  targetDepartment!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  targetDistrict!: string | null;

  /** An indicator's own level from its score (0–100 of its target): tốt ≥ good, khá ≥ fair, trung bình ≥ average, else yếu. */
  @Column({ type: 'numeric', precision: 5, scale: 2, default: 80 })
  thresholdGood!: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 65 })
  thresholdFair!: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 50 })
  thresholdAverage!: string;

  /** Inactive definitions keep their values but leave the score. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;
}

/** A reported value of an agency for a year (entered through the API or an import). */
@Entity('indicator_values')
@Unique('indicator_values_definition_organization_year_key', ['definitionId', 'organizationId', 'year'])
@Check('indicator_values_year_check', 'year BETWEEN 1945 AND 2200')
@Check('indicator_values_value_check', 'value >= 0')
export class IndicatorValue extends BaseEntity {
  @Column({ type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => IndicatorDefinition, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'definition_id', foreignKeyConstraintName: 'indicator_values_definition_id_fkey' })
  definition?: IndicatorDefinition;

  @Index('indicator_values_organization_id_idx')
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'indicator_values_organization_id_fkey' })
  organization?: Organization;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  value!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;
}

/**
 * A published ranking: the rows exactly as they were scored, frozen. Publishing the same period and
 * root again adds a version; nothing here is ever updated.
 */
@Entity('indicator_snapshots')
@Unique('indicator_snapshots_root_year_version_key', ['rootOrganizationId', 'year', 'version'])
@Check('indicator_snapshots_version_check', 'version > 0')
export class IndicatorSnapshot extends BaseEntity {
  @Column({ type: 'uuid' })
  rootOrganizationId!: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'root_organization_id', foreignKeyConstraintName: 'indicator_snapshots_root_organization_id_fkey' })
  rootOrganization?: Organization;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ type: 'varchar', length: 254 })
  publishedBy!: string;

  /** The ranking as published (RankingView without snapshot fields). */
  @Column({ type: 'jsonb' })
  ranking!: unknown;
}
