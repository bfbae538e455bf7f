import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PageQuery } from '../../../common/pagination/page';
import { cleanText } from '../../../common/text/vietnamese';
import { ANSWERS, type Answer, PARTICIPANT_ROLES, PARTICIPANT_STATUSES, type ParticipantRole, type ParticipantStatus } from '../participant.entity';

const text = ({ value }: { value: unknown }) => cleanText(value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** One invitee: a person (`personId`) or an agency (`organizationId` with a `quota` of seats). */
export class AddParticipantDto {
  @ValidateIf((o) => !o.organizationId) @IsUUID(undefined, { message: 'personId or organizationId is required (a UUID)' })
  personId?: string;

  @ValidateIf((o) => !o.personId) @IsUUID(undefined, { message: 'organizationId or personId is required (a UUID)' })
  organizationId?: string;

  @ApiProperty({ enum: PARTICIPANT_ROLES })
  @IsIn(PARTICIPANT_ROLES)
  role!: ParticipantRole;

  /** Seats the agency may fill by nominating people (agencies only). */
  @ValidateIf((o) => !!o.organizationId) @IsInt({ message: 'is required for an agency: a whole number of seats' }) @Min(1) @Max(1000)
  quota?: number;

  /** Who receives the agency's nomination request; default: the agency's leader with an e-mail. */
  @IsOptional() @IsUUID()
  contactPersonId?: string;
}

export class AddParticipantsDto {
  @Type(() => AddParticipantDto) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20000) @ValidateNested({ each: true })
  participants!: AddParticipantDto[];
}

export class UpdateParticipantDto {
  @ApiPropertyOptional({ enum: PARTICIPANT_ROLES })
  @IsOptional() @IsIn(PARTICIPANT_ROLES)
  role?: ParticipantRole;

  @IsOptional() @IsInt() @Min(1) @Max(1000)
  quota?: number;

  @IsOptional() @IsUUID()
  contactPersonId?: string;
}

export class ListParticipantsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PARTICIPANT_STATUSES })
  @IsOptional() @IsIn(PARTICIPANT_STATUSES)
  status?: ParticipantStatus;

  @ApiPropertyOptional({ enum: PARTICIPANT_ROLES })
  @IsOptional() @IsIn(PARTICIPANT_ROLES)
  role?: ParticipantRole;

  @IsOptional() @IsIn(['person', 'agency'])
  kind?: 'person' | 'agency';
}

export class ParticipantView {
  id!: string;
  eventId!: string;
  kind!: 'person' | 'agency';
  personId!: string | null;
  fullName!: string | null;
  email!: string | null;
  organizationId!: string | null;
  organizationName!: string | null;
  quota!: number | null;
  /** People an agency has nominated so far. */
  nominated?: number;
  contactPersonId!: string | null;
  @ApiProperty({ enum: PARTICIPANT_ROLES }) role!: ParticipantRole;
  @ApiProperty({ enum: PARTICIPANT_STATUSES }) status!: ParticipantStatus;
  nominatedById!: string | null;
  delegatedFromId!: string | null;
  lastSentSequence!: number | null;
  invitedAt!: Date | null;
  respondedAt!: Date | null;
  responseNote!: string | null;
  /** The SMTP error of the last failed delivery. */
  lastError!: string | null;
}

export class ParticipantPage {
  @ApiProperty({ type: [ParticipantView] }) items!: ParticipantView[];
  total!: number;
  /** More rows follow this page. */
  hasMore!: boolean;
  limit!: number;
  offset!: number;
}

export class PersonInputDto {
  @Transform(text) @IsString() @Length(2, 200)
  fullName!: string;

  @IsOptional() @Transform(text) @IsString() @Length(1, 300)
  title?: string;

  @Transform(lower) @IsEmail({}, { message: 'must be an e-mail address' }) @Length(3, 254)
  email!: string;
}

/** An answer on the RSVP page or `POST /api/rsvp/:token`. */
export class RsvpDto {
  @ApiProperty({ enum: ANSWERS })
  @IsIn(ANSWERS)
  answer!: Answer;

  @IsOptional() @Transform(text) @IsString() @Length(1, 1000)
  note?: string;

  /** Required with `answer: delegated`: who attends instead. */
  @ValidateIf((o) => o.answer === 'delegated') @IsDefined({ message: 'is required when answer is delegated' }) @Type(() => PersonInputDto) @ValidateNested()
  substitute?: PersonInputDto;
}

/** Nominees named by an agency, up to its remaining quota. */
export class NominateDto {
  @Type(() => PersonInputDto) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true })
  nominees!: PersonInputDto[];
}

export class RetryDto {
  /** Only these participants; default: every failed one of the event. */
  @IsOptional() @IsArray() @IsUUID('all', { each: true }) @ArrayMaxSize(20000)
  participantIds?: string[];
}

export class SendResultView {
  /** Personal invitations queued (new participants, or changed since their last one). */
  invitations!: number;
  /** Nomination requests queued to agencies. */
  nominations!: number;
  /** Participants left out: neither they nor their agency contact have an e-mail. */
  withoutEmail!: number;
  /** Participants who already have the event's current version. */
  upToDate!: number;
}

export class AgencyProgressView {
  participantId!: string;
  organizationId!: string;
  organizationName!: string;
  quota!: number;
  nominated!: number;
  status!: string;
}

export class AgencyCountsView {
  organizationId!: string;
  organizationName!: string;
  total!: number;
  /** e.g. `{ "accepted": 3, "invited": 2 }` */
  byStatus!: Record<string, number>;
}

export class FailedDeliveryView {
  participantId!: string;
  /** The SMTP server's answer to the last attempt. */
  error!: string | null;
}

export class InvitationSummaryView {
  total!: number;
  /** Persons by status, e.g. `{ "invited": 40, "accepted": 12 }`. */
  byStatus!: Record<string, number>;
  byRole!: Record<string, number>;
  /** Persons by the organization they belong to. */
  @ApiProperty({ type: [AgencyCountsView] }) byAgency!: AgencyCountsView[];
  /** Agencies invited with a quota, and how many they have named. */
  @ApiProperty({ type: [AgencyProgressView] }) agencies!: AgencyProgressView[];
  /** Agencies that have named nobody yet. */
  @ApiProperty({ type: [AgencyProgressView] }) agenciesNotNominated!: AgencyProgressView[];
  @ApiProperty({ type: [FailedDeliveryView] }) failed!: FailedDeliveryView[];
}

export class RetryResultView {
  /** Participants whose failed mail is back on the queue. */
  retried!: number;
}
