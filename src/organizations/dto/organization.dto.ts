import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { cleanText } from '../../common/text/vietnamese';
import { ORGANIZATION_KINDS, ORGANIZATION_LEVELS, type OrganizationKind, type OrganizationLevel } from '../organization.entity';

export class HeadcountDto {
  /** Year the headcount applies to. */
  @IsInt() @Min(1945) @Max(2200)
  year!: number;

  /** Number of officials (cán bộ, công chức, viên chức). */
  @IsInt() @Min(0) @Max(10_000_000)
  officials!: number;
}

export class CreateOrganizationDto {
  /** Administrative code, unique (e.g. `02` for Hà Giang, `024` for Thành phố Hà Giang, `02.STTTT`). */
  @Transform(({ value }) => cleanText(value))
  @IsString() @Length(1, 64) @Matches(/^[A-Za-z0-9._-]+$/, { message: 'code may contain only letters, digits, dot, dash and underscore' })
  code!: string;

  /** Full name, e.g. "Sở Thông tin và Truyền thông tỉnh Hà Giang". */
  @Transform(({ value }) => cleanText(value))
  @IsString() @Length(1, 300)
  name!: string;

  /** Short name, e.g. "Sở TT&TT Hà Giang". */
  @IsOptional() @Transform(({ value }) => cleanText(value))
  @IsString() @Length(1, 120)
  shortName?: string | null;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind!: OrganizationKind;

  @ApiProperty({ enum: ORGANIZATION_LEVELS })
  @IsIn(ORGANIZATION_LEVELS)
  level!: OrganizationLevel;

  /** Parent organization; omit for a root (admins only). */
  @IsOptional() @IsUUID()
  parentId?: string | null;

  /** Officials per year; on update the given years are set, others kept. */
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => HeadcountDto)
  headcounts?: HeadcountDto[];
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {}

export class ListOrganizationsQuery extends PageQuery {
  /** Search in name, short name and code, without regard to diacritics or case ("ha giang" finds "Hà Giang"). */
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional() @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ enum: ORGANIZATION_LEVELS })
  @IsOptional() @IsIn(ORGANIZATION_LEVELS)
  level?: OrganizationLevel;

  /** Only the direct children of this organization. */
  @IsOptional() @IsUUID()
  parentId?: string;
}

export class OrganizationView {
  id!: string;
  code!: string;
  name!: string;
  shortName!: string | null;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind!: OrganizationKind;
  @ApiProperty({ enum: ORGANIZATION_LEVELS }) level!: OrganizationLevel;
  parentId!: string | null;
  /** Depth in the tree, 0 for a root. */
  depth!: number;
  /** Officials per year, ascending by year (only on single-organization responses). */
  headcounts?: HeadcountDto[];
  createdAt!: Date;
  updatedAt!: Date;
}

export class OrganizationPage {
  @ApiProperty({ type: [OrganizationView] }) items!: OrganizationView[];
  /** Matching rows in all; null without `total=true` when rows run past this page. */
  @ApiProperty({ type: Number, nullable: true }) total!: number | null;
  /** More rows follow this page. */
  hasMore!: boolean;
  limit!: number;
  offset!: number;
}
