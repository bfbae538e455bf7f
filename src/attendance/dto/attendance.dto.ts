import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { registerFastPath } from '../../common/http/body-shape';
import { PageQuery } from '../../common/pagination/page';
import { cleanText } from '../../common/text/vietnamese';
import { IsInstant } from '../../common/time/instant';
import { CreatePersonDto } from '../../people/dto/person.dto';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../../invitations/invitations.read-model';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../attendance-record.entity';

const INSTANT = 'must be a time like 2015-04-10T14:05 (Hà Nội time) or an ISO instant with an offset';
/** A client's idempotency key: 8–64 letters, digits, `-` or `_` (a UUID fits). */
const NONCE = /^[A-Za-z0-9_-]{8,64}$/;
const SIX_DIGITS = /^\d{6}$/;

export class SessionQuery {
  /** The session (buổi) of the event. */
  @IsUUID()
  sessionId!: string;
}

/** What a check-in may carry besides its proof. */
class CheckInBase {
  /** The client's idempotency key: the same request sent again (or five at once) writes one row; a replay answers with the original time. */
  @ApiProperty({ example: '2f1d6c1e-5b0a-4c5e-9d55-0c1c4f3a9b10' })
  @IsString() @Matches(NONCE, { message: 'must be 8–64 letters, digits, - or _' })
  nonce!: string;

  /** The session; default: the one whose check-in is open now. */
  @IsOptional() @IsUUID()
  sessionId?: string;

  /** The time of the scan or tick as the device saw it (kept as given, beside the server's time). */
  @ApiPropertyOptional({ type: String, example: '2015-04-10T14:05' })
  @IsOptional() @IsInstant(INSTANT)
  scannedAt?: Date;

  /** Uploaded late from a device that was offline: the session is judged at `scannedAt`. */
  @IsOptional() @IsBoolean()
  offline?: boolean;
}

/** Self check-in: the code shown on the hall screen, typed on the RSVP page. */
export class CodeCheckInDto extends CheckInBase {
  /** The six digits on the hall screen. */
  @ApiProperty({ example: '042917' })
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value))
  @IsString() @Matches(SIX_DIGITS, { message: 'must be the six digits shown in the hall' })
  code!: string;
}

/** `{ nonce, code }` exactly as the RSVP page sends it, without class-validator (the morning rush's route). */
registerFastPath(CodeCheckInDto, (body) => {
  let keys = 0;
  for (const key in body) {
    if (key !== 'nonce' && key !== 'code') return null;
    keys++;
  }
  const { nonce, code } = body;
  if (keys !== 2 || typeof nonce !== 'string' || typeof code !== 'string' || !NONCE.test(nonce) || !SIX_DIGITS.test(code)) return null;
  const dto = new CodeCheckInDto();
  dto.nonce = nonce;
  dto.code = code;
  return dto;
});

/** A personal QR code scanned by an organizer, a trainer of the event (or, later, a bridge point's coordinator). */
export class QrCheckInDto extends CheckInBase {
  /** The event the scanner is checking people in for: a code of another event's invitee is refused `wrong_session`. */
  @IsOptional() @IsUUID()
  eventId?: string;
}

export class RosterEntryDto {
  @IsUUID()
  participantId!: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: AttendanceStatus;

  /** With `substitute`: the participant who came instead (of the same event). */
  @ValidateIf((o) => o.status === 'substitute' || o.substituteParticipantId !== undefined) @IsUUID(undefined, { message: 'is required with status substitute (a participant id)' })
  substituteParticipantId?: string;

  /** `manual` (default) or `import` (a sheet typed in afterwards). */
  @ApiPropertyOptional({ enum: ['manual', 'import'] })
  @IsOptional() @IsIn(['manual', 'import'])
  method?: 'manual' | 'import';

  @ApiPropertyOptional({ type: String, example: '2015-04-10T14:05' })
  @IsOptional() @IsInstant(INSTANT)
  scannedAt?: Date;

  @IsOptional() @IsBoolean()
  offline?: boolean;

  /** E.g. "Đi công tác" for an excused absence. */
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 500)
  note?: string;
}

/** A bulk write of one session's roster: each entry replaces that participant's row. */
export class RosterWriteDto {
  @Type(() => RosterEntryDto) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5000) @ValidateNested({ each: true })
  records!: RosterEntryDto[];
}

/** Opens (or changes) a session's self check-in window. */
export class OpenWindowDto {
  @IsUUID()
  sessionId!: string;

  /** Minutes before the session's start the window opens (default 30). */
  @IsOptional() @IsInt() @Min(0) @Max(1440)
  opensBeforeMinutes?: number;

  /** Minutes after the session's start the window closes (default 30). */
  @IsOptional() @IsInt() @Min(0) @Max(1440)
  closesAfterMinutes?: number;

  /** Minutes after the start from which an arrival is `late` (default 15). */
  @IsOptional() @IsInt() @Min(0) @Max(1440)
  lateAfterMinutes?: number;

  /** How often the hall code changes, in seconds (default 60). */
  @IsOptional() @IsInt() @Min(15) @Max(3600)
  rotateSeconds?: number;
}

/** Someone at the door who is not on the list: an existing person, or a new one. */
export class WalkInDto {
  @IsUUID()
  sessionId!: string;

  /** An official already in the directory. */
  @ValidateIf((o) => !o.person) @IsUUID(undefined, { message: 'personId or person is required' })
  personId?: string;

  /** A new official (matched by e-mail when one is given). */
  @ValidateIf((o) => !o.personId) @Type(() => CreatePersonDto) @ValidateNested()
  person?: CreatePersonDto;

  @ApiPropertyOptional({ enum: PARTICIPANT_ROLES, default: 'guest' })
  @IsOptional() @IsIn(PARTICIPANT_ROLES)
  role?: ParticipantRole;
}

export class RefusalsQuery extends PageQuery {
  @IsOptional() @IsUUID()
  sessionId?: string;
}

export class ExportQuery {
  @ApiProperty({ enum: ['xlsx', 'csv'] })
  @IsIn(['xlsx', 'csv'])
  format!: 'xlsx' | 'csv';
}
