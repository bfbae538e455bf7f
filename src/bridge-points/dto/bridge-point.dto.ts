import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { cleanText } from '../../common/text/vietnamese';
import { CHANGE_KINDS, type ChangeKind, type Fault, FAULTS, LIVE_STATUSES, type LiveStatus, READINESS, type Readiness, VIDEO_PROVIDERS, type VideoProvider } from '../bridge-point.entity';

/** The video systems a point may use (for forms that offer them). */
export { VIDEO_PROVIDERS };

const text = ({ value }: { value: unknown }) => cleanText(value);
/** A blank optional text is no value. */
const optionalText = ({ value }: { value: unknown }) => (value === '' ? null : cleanText(value));

/** A point's fields; `roomName`, `hostOrganizationId` and `videoProvider` are required on create. */
export class BridgePointFieldsDto {
  /** The main point (điểm cầu chính), usually the provincial People's Committee hall; one per event. */
  @IsOptional() @IsBoolean()
  isMain?: boolean;

  @IsOptional() @IsUUID()
  hostOrganizationId?: string;

  /** e.g. "Phòng họp trực tuyến UBND huyện Bát Xát". */
  @IsOptional() @Transform(text) @IsString() @Length(1, 300)
  roomName?: string;

  @IsOptional() @Transform(optionalText) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 500)
  address?: string | null;

  /** The site's technical contact (a person), who gets the coordinator link. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID()
  contactPersonId?: string | null;

  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(100000)
  expectedAttendance?: number | null;

  @ApiPropertyOptional({ enum: VIDEO_PROVIDERS })
  @IsOptional() @IsIn(VIDEO_PROVIDERS)
  videoProvider?: VideoProvider;

  /** Join link (http or https). */
  @IsOptional() @Transform(optionalText) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 1000)
  joinUrl?: string | null;

  /** SIP/H.323 address or a phone bridge. */
  @IsOptional() @Transform(optionalText) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 300)
  dialString?: string | null;

  /** The MCU meeting id; the same id in two overlapping published events is refused. */
  @IsOptional() @Transform(optionalText) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 100)
  meetingId?: string | null;

  /** Shown only to the point's own participants and contact (and to organizers). */
  @IsOptional() @Transform(optionalText) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 100)
  passcode?: string | null;

  /** When the test session is planned; default 14:00 on the working day before the event. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @Type(() => Date) @IsDate()
  rehearsalAt?: Date | null;
}

export class CreateBridgePointDto extends BridgePointFieldsDto {
  @IsUUID()
  declare hostOrganizationId: string;

  @Transform(text) @IsString() @Length(1, 300)
  declare roomName: string;

  @ApiProperty({ enum: VIDEO_PROVIDERS })
  @IsIn(VIDEO_PROVIDERS)
  declare videoProvider: VideoProvider;
}

export class UpdateBridgePointDto extends BridgePointFieldsDto {}

/** One point for every district-level unit (kind `district`) directly under `organizationId`. */
export class AddDistrictPointsDto {
  @IsUUID()
  organizationId!: string;

  @ApiProperty({ enum: VIDEO_PROVIDERS })
  @IsIn(VIDEO_PROVIDERS)
  videoProvider!: VideoProvider;

  /** The room name of every point; default "Phòng họp trực tuyến". */
  @IsOptional() @Transform(text) @IsString() @Length(1, 200)
  roomName?: string;
}

export class ReadinessDto {
  @ApiProperty({ enum: READINESS })
  @IsIn(READINESS)
  readiness!: Readiness;

  /** Required with `fault`. */
  @ApiPropertyOptional({ enum: FAULTS })
  @IsOptional() @IsIn(FAULTS)
  fault?: Fault;

  @IsOptional() @Transform(text) @IsString() @Length(0, 2000)
  note?: string;
}

export class LiveStatusDto {
  @ApiProperty({ enum: LIVE_STATUSES })
  @IsIn(LIVE_STATUSES)
  status!: LiveStatus;

  @IsOptional() @Transform(text) @IsString() @Length(0, 2000)
  note?: string;
}

export class IncidentDto {
  @Transform(text) @IsString() @Length(1, 2000)
  note!: string;

  @ApiPropertyOptional({ enum: FAULTS })
  @IsOptional() @IsIn(FAULTS)
  fault?: Fault;
}

export class HeadcountLineDto {
  @IsUUID()
  organizationId!: string;

  @IsInt() @Min(0) @Max(100000)
  present!: number;
}

/** Who came to the site. Replaces the point's previous headcount (which stays in history). */
export class HeadcountDto {
  /** Everyone present at the site, named or not, substitutes included. */
  @IsInt() @Min(0) @Max(100000)
  present!: number;

  /** Of those present, how many came instead of an invitee. */
  @IsOptional() @IsInt() @Min(0) @Max(100000)
  substitutes?: number;

  /** Invitees of the point absent with a reason. */
  @IsOptional() @IsInt() @Min(0) @Max(100000)
  excused?: number;

  /** Present by agency; the lines may not add up to more than `present`. */
  @IsOptional() @Type(() => HeadcountLineDto) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true })
  agencies?: HeadcountLineDto[];

  /** Invitees of this point ticked as present (participant ids); counted within `present`. */
  @IsOptional() @IsArray() @ArrayMaxSize(5000) @IsUUID(undefined, { each: true })
  participantIds?: string[];

  @IsOptional() @Transform(text) @IsString() @Length(0, 2000)
  note?: string;
}

export class AssignParticipantsDto {
  /** Participants (persons) of the event who attend from this point; moved from another point if they had one. */
  @IsArray() @ArrayMaxSize(5000) @IsUUID(undefined, { each: true })
  participantIds!: string[];
}

export class HeadcountLineView {
  organizationId!: string;
  organizationName!: string;
  present!: number;
}

export class HeadcountView {
  id!: string;
  present!: number;
  substitutes!: number;
  excused!: number;
  @ApiProperty({ type: [HeadcountLineView] }) agencies!: HeadcountLineView[];
  participantIds!: string[];
  note!: string | null;
  actor!: string;
  reportedAt!: Date;
}

export class BridgePointView {
  id!: string;
  eventId!: string;
  isMain!: boolean;
  hostOrganizationId!: string;
  hostOrganizationName!: string;
  roomName!: string;
  address!: string | null;
  contactPersonId!: string | null;
  contactName!: string | null;
  expectedAttendance!: number | null;
  @ApiProperty({ enum: VIDEO_PROVIDERS }) videoProvider!: VideoProvider;
  joinUrl!: string | null;
  dialString!: string | null;
  meetingId!: string | null;
  /** Organizers, the point's contact and its participants only; otherwise absent. */
  passcode?: string | null;
  @ApiProperty({ enum: READINESS }) readiness!: Readiness;
  @ApiPropertyOptional({ enum: FAULTS }) fault!: Fault | null;
  rehearsalAt!: Date | null;
  @ApiPropertyOptional({ enum: LIVE_STATUSES }) liveStatus!: LiveStatus | null;
  /** Not ready within 60 minutes of the start (or later). */
  flagged!: boolean;
  participantCount!: number;
  headcount!: HeadcountView | null;
  /** The coordinator's page (`/bridge/{token}`), for organizers only. */
  coordinatorUrl?: string;
}

export class BridgePointListView {
  @ApiProperty({ type: [BridgePointView] }) points!: BridgePointView[];
  /** Points flagged: not ready from 60 minutes before the start. */
  notReady!: number;
  /** Points by readiness. */
  byReadiness!: Record<string, number>;
}

export class TimelineEntryView {
  @ApiProperty({ enum: CHANGE_KINDS }) kind!: ChangeKind;
  from!: string | null;
  to!: string | null;
  @ApiPropertyOptional({ enum: FAULTS }) fault!: Fault | null;
  note!: string | null;
  actor!: string;
  at!: Date;
}
