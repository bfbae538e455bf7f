import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { cleanText } from '../../common/text/vietnamese';
import { AGENCY_GROUPS, type AgencyGroup, INDICATOR_METRICS, INDICATOR_SOURCES, INDICATOR_UNITS, type IndicatorMetric, type IndicatorSource, type IndicatorUnit, LEVELS, type Level } from '../scoring';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateDefinitionDto {
  /** Short stable code, e.g. `EMAIL_USE`. Letters, digits, `_` and `-`. */
  @ApiProperty({ example: 'EMAIL_USE' })
  @IsString() @Length(1, 32) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'may contain only letters, digits, _ and -' })
  code!: string;

  @ApiProperty({ example: 'Tỷ lệ cán bộ sử dụng thư điện tử công vụ' })
  @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 300)
  nameVi!: string;

  @ApiProperty({ example: 'Share of officials using official e-mail for work' })
  @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 300)
  nameEn!: string;

  @ApiProperty({ enum: INDICATOR_UNITS })
  @IsIn(INDICATOR_UNITS)
  unit!: IndicatorUnit;

  /** `participation`: computed by hoinghi (give `metric`); `reported`: values are entered per agency and year. */
  @ApiProperty({ enum: INDICATOR_SOURCES })
  @IsIn(INDICATOR_SOURCES)
  source!: IndicatorSource;

  @ApiPropertyOptional({ enum: INDICATOR_METRICS, description: 'Required for participation indicators' })
  @ValidateIf((o: CreateDefinitionDto) => o.source === 'participation' || o.metric !== undefined)
  @IsIn(INDICATOR_METRICS)
  metric?: IndicatorMetric;

  /** Share of the score, relative to the other active indicators' weights. */
  @ApiProperty({ example: 2 })
  @Type(() => Number) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(100)
  weight!: number;

  /** The plan's target for departments (e.g. 50 for 50%); absent: 100% for percentages. */
  @ApiPropertyOptional({ example: 50, nullable: true })
  @IsOptional() @Type(() => Number) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(10_000_000)
  targetDepartment?: number | null;

  @ApiPropertyOptional({ example: 30, nullable: true })
  @IsOptional() @Type(() => Number) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(10_000_000)
  targetDistrict?: number | null;

  /** The indicator's own levels on its score 0–100: tốt ≥ good (80), khá ≥ fair (65), trung bình ≥ average (50). */
  @ApiPropertyOptional({ example: 80 })
  @IsOptional() @Type(() => Number) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100)
  thresholdGood?: number;

  @ApiPropertyOptional({ example: 65 })
  @IsOptional() @Type(() => Number) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100)
  thresholdFair?: number;

  @ApiPropertyOptional({ example: 50 })
  @IsOptional() @Type(() => Number) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100)
  thresholdAverage?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

/**
 * A change of a definition: names, weight, targets (null clears one), thresholds and `active` (an
 * inactive indicator keeps its values and leaves the live score). Code, source, metric and unit stay:
 * the values entered and the published rankings mean what they meant.
 */
export class UpdateDefinitionDto extends PartialType(OmitType(CreateDefinitionDto, ['code', 'source', 'metric', 'unit'] as const)) {}

export class DefinitionView {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ enum: INDICATOR_UNITS }) unit!: IndicatorUnit;
  @ApiProperty({ enum: INDICATOR_SOURCES }) source!: IndicatorSource;
  @ApiProperty({ enum: INDICATOR_METRICS, nullable: true }) metric!: IndicatorMetric | null;
  @ApiProperty() weight!: number;
  @ApiProperty({ nullable: true }) targetDepartment!: number | null;
  @ApiProperty({ nullable: true }) targetDistrict!: number | null;
  @ApiProperty() thresholdGood!: number;
  @ApiProperty() thresholdFair!: number;
  @ApiProperty() thresholdAverage!: number;
  @ApiProperty() active!: boolean;
}

export class SetValueDto {
  @ApiProperty() @IsUUID()
  definitionId!: string;

  /** A department or district. */
  @ApiProperty() @IsUUID()
  organizationId!: string;

  @ApiProperty({ example: 2014 })
  @Type(() => Number) @IsInt() @Min(1945) @Max(2200)
  year!: number;

  /** A percentage as 0–100 (40 for 40%), or a count. */
  @ApiProperty({ example: 40 })
  @Type(() => Number) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(10_000_000)
  value!: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(0, 500)
  note?: string;
}

/** A year of one province's agencies: the period of the values and of the participation counted. */
export class PeriodQuery {
  @ApiProperty({ example: '2014' })
  @Matches(/^\d{4}$/, { message: 'must be a year like 2014' })
  period!: string;

  /** Whose agencies: its direct departments and districts. Default: the caller's scope (required for unscoped callers). */
  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  organizationId?: string;
}

export class ValuesQuery extends PeriodQuery {}

export class RankingQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: AGENCY_GROUPS, description: 'Only departments or only districts' })
  @IsOptional() @IsIn(AGENCY_GROUPS)
  group?: AgencyGroup;
}

export class ExportQuery extends RankingQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional() @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';

  /** Export this published version instead of the live ranking. */
  @ApiPropertyOptional()
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  version?: number;
}

export class PublishDto extends PeriodQuery {}

export class SnapshotsQuery {
  @ApiPropertyOptional({ example: '2014' })
  @IsOptional() @Matches(/^\d{4}$/, { message: 'must be a year like 2014' })
  period?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  organizationId?: string;
}

export class ImportValuesQuery {
  /** Check the file and report what would happen, without writing anything. */
  @IsOptional() @Transform(bool) @IsBoolean()
  dryRun?: boolean;
}

export class IndicatorCell {
  @ApiProperty() definitionId!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ nullable: true }) value!: number | null;
  @ApiProperty({ nullable: true }) target!: number | null;
  @ApiProperty({ nullable: true }) score!: number | null;
  @ApiProperty({ enum: LEVELS, nullable: true }) level!: Level | null;
  /** A reported indicator with no value entered (scored 0). */
  @ApiProperty() missing!: boolean;
}

export class RankingRow {
  @ApiProperty() organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: AGENCY_GROUPS }) group!: AgencyGroup;
  @ApiProperty({ nullable: true }) score!: number | null;
  @ApiProperty({ enum: LEVELS, nullable: true }) level!: Level | null;
  @ApiProperty({ nullable: true }) rank!: number | null;
  @ApiProperty({ nullable: true }) groupRank!: number | null;
  @ApiProperty({ type: [IndicatorCell] }) indicators!: IndicatorCell[];
}

export class LevelShareView {
  @ApiProperty({ enum: LEVELS }) level!: Level;
  @ApiProperty() count!: number;
  @ApiProperty() percent!: number;
}

export class RankingView {
  @ApiProperty() period!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ type: [DefinitionView] }) definitions!: DefinitionView[];
  @ApiProperty({ type: [RankingRow] }) rows!: RankingRow[];
  @ApiProperty({ description: 'Shares per level: overall, departments, districts', type: 'object', additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/LevelShareView' } } })
  shares!: Record<'overall' | AgencyGroup, LevelShareView[]>;
  /** Set when this is a published version. */
  @ApiPropertyOptional({ nullable: true }) snapshot?: { id: string; version: number; publishedAt: string; publishedBy: string } | null;
}
