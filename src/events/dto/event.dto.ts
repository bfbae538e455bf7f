import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import type { ErrorDetail } from '../../common/errors/api-error';
import { PageQuery } from '../../common/pagination/page';
import { cleanText } from '../../common/text/vietnamese';
import { EVENT_FORMATS, EVENT_KINDS, EVENT_STATUSES, type EventFormat, type EventKind, type EventStatus } from '../event.entity';
import { IsInstant } from '../../common/time/instant';

const text = ({ value }: { value: unknown }) => cleanText(value);
const INSTANT = 'must be a time like 2015-04-10T14:00 (Hà Nội time) or an ISO instant with offset';

export class SessionDto {
  /** Start, e.g. `2015-04-10T08:00` (Hà Nội time when no offset is given), from 1900 to 2200. */
  @ApiProperty({ type: String, example: '2015-04-10T08:00' })
  @IsInstant(INSTANT)
  startsAt!: Date;

  /** End, after the start. */
  @ApiProperty({ type: String, example: '2015-04-10T11:30' })
  @IsInstant(INSTANT)
  endsAt!: Date;

  /** e.g. "Buổi sáng", "Ngày 1". */
  @IsOptional() @Transform(text) @IsString() @Length(1, 200)
  title?: string | null;
}

export class PeriodDto {
  @IsInt() @Min(1945) @Max(2200)
  year!: number;
  /** 1–4 for "Quý I" … "Quý IV". */
  @IsOptional() @IsInt() @Min(1) @Max(4)
  quarter?: number | null;
  /** First month of a month range ("7 tháng" = 1 to 7). */
  @IsOptional() @IsInt() @Min(1) @Max(12)
  fromMonth?: number | null;
  @IsOptional() @IsInt() @Min(1) @Max(12)
  toMonth?: number | null;
}

export class CreateEventDto {
  @ApiProperty({ enum: EVENT_KINDS })
  @IsIn(EVENT_KINDS)
  kind!: EventKind;

  /** e.g. "Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I, phương hướng nhiệm vụ Quý II". */
  @Transform(text) @IsString() @Length(1, 500)
  title!: string;

  @IsOptional() @IsString() @Length(0, 20000)
  description?: string | null;

  @ApiProperty({ enum: EVENT_FORMATS })
  @IsIn(EVENT_FORMATS)
  format!: EventFormat;

  /** The organization that hosts the event; it must be in your scope. */
  @IsUUID()
  hostOrganizationId!: string;

  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true })
  coOrganizerIds?: string[];

  /** Hall, e.g. "Hội trường Sở TT&TT"; required unless the event is online. */
  @IsOptional() @Transform(text) @IsString() @Length(1, 300)
  venueName?: string | null;

  @IsOptional() @Transform(text) @IsString() @Length(1, 500)
  venueAddress?: string | null;

  /** Join link of an online or hybrid event. */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  onlineUrl?: string | null;

  /** The person who chairs (chủ trì). */
  @IsOptional() @IsUUID()
  chairPersonId?: string | null;

  @IsOptional() @IsString() @Length(0, 5000)
  publicSummary?: string | null;

  /** One or more dated time slots. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => SessionDto)
  sessions!: SessionDto[];

  /** The campaign this event belongs to (with campaignTargetOrganizationId, one of its targets). */
  @IsOptional() @IsUUID()
  campaignId?: string | null;

  /** The campaign target (e.g. the district) this event serves. */
  @IsOptional() @IsUUID()
  campaignTargetOrganizationId?: string | null;

  /** The period the event reviews, e.g. `{ year: 2015, quarter: 1 }` for "Quý I/2015". */
  @IsOptional() @ValidateNested() @Type(() => PeriodDto)
  period?: PeriodDto | null;
}

export class UpdateEventDto extends PartialType(CreateEventDto) {
  /** The conclusion (kết luận) recorded after the event. */
  @IsOptional() @IsString() @Length(0, 50000)
  conclusion?: string | null;
}

export class ForceQuery {
  /** Publish or move even though the venue is booked at an overlapping time, or clear the times of agenda items a move would leave outside every session (recorded in the history). */
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsIn([true, false])
  force?: boolean;
}

export class ListEventsQuery extends PageQuery {
  /** Events that end on or after this local day (`2015-04-01`). */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a day like 2015-04-01' })
  from?: string;
  /** Events that start before the end of this local day. */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a day like 2015-04-30' })
  to?: string;
  @ApiPropertyOptional({ enum: EVENT_KINDS }) @IsOptional() @IsIn(EVENT_KINDS)
  kind?: EventKind;
  @ApiPropertyOptional({ enum: EVENT_FORMATS }) @IsOptional() @IsIn(EVENT_FORMATS)
  format?: EventFormat;
  @ApiPropertyOptional({ enum: EVENT_STATUSES }) @IsOptional() @IsIn(EVENT_STATUSES)
  status?: EventStatus;
  /** Events hosted by this organization or any organization below it. */
  @IsOptional() @IsUUID()
  hostOrganizationId?: string;
  /** Search in title and venue without regard to diacritics or case. */
  @IsOptional() @Transform(text) @IsString() @Length(1, 200)
  q?: string;
}

export class CalendarQuery {
  /** A local month, e.g. `2015-04`. */
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must look like 2015-04' })
  month!: string;
}

export class SessionView {
  id!: string;
  startsAt!: Date;
  endsAt!: Date;
  /** Hà Nội time, e.g. `2015-04-10T08:00:00+07:00`. */
  startsAtLocal!: string;
  endsAtLocal!: string;
  title!: string | null;
}

export class PeriodView extends PeriodDto {
  /** e.g. "Quý I/2015", "7 tháng 2015". */
  label!: string;
}

export class WarningView {
  field!: string;
  message!: string;
}

export class EventView {
  id!: string;
  @ApiProperty({ enum: EVENT_KINDS }) kind!: EventKind;
  title!: string;
  description!: string | null;
  @ApiProperty({ enum: EVENT_FORMATS }) format!: EventFormat;
  hostOrganizationId!: string;
  coOrganizerIds?: string[];
  venueName!: string | null;
  venueAddress!: string | null;
  onlineUrl!: string | null;
  chairPersonId!: string | null;
  publicSummary!: string | null;
  @ApiProperty({ enum: EVENT_STATUSES }) status!: EventStatus;
  /** iCalendar UID, stable forever. */
  icalUid!: string;
  /** iCalendar SEQUENCE: rises with every change invitees must see once published. */
  sequence!: number;
  startsAt!: Date;
  endsAt!: Date;
  startsAtLocal!: string;
  endsAtLocal!: string;
  period!: PeriodView | null;
  campaignId!: string | null;
  campaignTargetOrganizationId!: string | null;
  conclusion!: string | null;
  @ApiPropertyOptional({ type: [SessionView] }) sessions?: SessionView[];
  /** Non-blocking problems, e.g. the chair is booked elsewhere at the same time. */
  @ApiPropertyOptional({ type: [WarningView] }) warnings?: ErrorDetail[];
  createdAt!: Date;
  updatedAt!: Date;
}

export class EventPage {
  @ApiProperty({ type: [EventView] }) items!: EventView[];
  /** Matching rows in all; null without `total=true` when rows run past this page. */
  @ApiProperty({ type: Number, nullable: true }) total!: number | null;
  /** More rows follow this page. */
  hasMore!: boolean;
  limit!: number;
  offset!: number;
}

export class CalendarEntry {
  eventId!: string;
  sessionId!: string;
  title!: string;
  sessionTitle!: string | null;
  @ApiProperty({ enum: EVENT_KINDS }) kind!: EventKind;
  @ApiProperty({ enum: EVENT_FORMATS }) format!: EventFormat;
  @ApiProperty({ enum: EVENT_STATUSES }) status!: EventStatus;
  venueName!: string | null;
  startsAt!: Date;
  endsAt!: Date;
  startsAtLocal!: string;
  endsAtLocal!: string;
}

export class HistoryEntry {
  id!: string;
  at!: Date;
  actorEmail!: string;
  entityType!: string;
  entityId!: string;
  action!: string;
  changes!: Record<string, unknown>;
}
