import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { cleanText } from '../../common/text/vietnamese';

export class CreateCampaignDto {
  /** e.g. "Hội nghị triển khai ứng dụng CNTT giai đoạn 2013–2015 tại các huyện, thành phố". */
  @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 500)
  title!: string;

  @IsOptional() @IsString() @Length(0, 10000)
  description?: string | null;

  @IsUUID()
  hostOrganizationId!: string;

  @IsOptional() @IsInt() @Min(1945) @Max(2200)
  year?: number | null;

  /** The organizations to hold one event each for (e.g. the 14 districts). */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2000) @IsUUID('all', { each: true })
  targetOrganizationIds!: string[];
}

export class UpdateCampaignDto {
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 500)
  title?: string;
  @IsOptional() @IsString() @Length(0, 10000)
  description?: string | null;
  @IsOptional() @IsInt() @Min(1945) @Max(2200)
  year?: number | null;
  /** Replaces the targets; a target that already has events cannot be removed (409). */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2000) @IsUUID('all', { each: true })
  targetOrganizationIds?: string[];
}

export class ListCampaignsQuery extends PageQuery {}

export class CampaignTargetView {
  organizationId!: string;
  /** `held` (a completed event), `scheduled` (a published one not yet completed) or `pending`. */
  @ApiProperty({ enum: ['held', 'scheduled', 'pending'] }) status!: 'held' | 'scheduled' | 'pending';
  eventIds!: string[];
}

export class CampaignView {
  id!: string;
  title!: string;
  description!: string | null;
  hostOrganizationId!: string;
  year!: number | null;
  /** Number of target organizations (e.g. 14). */
  target!: number;
  /** Targets with a completed event (e.g. 9). */
  held!: number;
  /** Targets with a published event not yet completed. */
  scheduled!: number;
  @ApiProperty({ type: [CampaignTargetView], required: false }) targets?: CampaignTargetView[];
  createdAt!: Date;
  updatedAt!: Date;
}

export class CampaignPage {
  @ApiProperty({ type: [CampaignView] }) items!: CampaignView[];
  total!: number;
  /** More rows follow this page. */
  hasMore!: boolean;
  limit!: number;
  offset!: number;
}
