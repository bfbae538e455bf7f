import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { cleanText } from '../../common/text/vietnamese';
import { ORGANIZATION_LEVELS } from '../../organizations/organization-kinds';

const text = ({ value }: { value: unknown }) => cleanText(value);
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** A training plan (kế hoạch tập huấn) of one year. */
export class CreateProgramDto {
  /** The certificate prefix: `TH-HG` gives `TH-HG/2013/0001`. Letters, digits and `-`. */
  @ApiProperty({ example: 'TH-HG' })
  @IsString() @Matches(/^[A-Z0-9][A-Z0-9-]{0,31}$/, { message: 'must be 1–32 capital letters, digits or -, e.g. TH-HG' })
  code!: string;

  @ApiProperty({ example: 'Kế hoạch tập huấn CNTT năm 2013' })
  @Transform(text) @IsString() @Length(1, 300)
  name!: string;

  @IsInt() @Min(1945) @Max(2200)
  year!: number;

  /** The organizing agency (in the caller's scope). */
  @IsUUID()
  organizerOrganizationId!: string;

  @IsOptional() @Transform(text) @IsString() @Length(1, 5000)
  description?: string;

  /** Agencies the plan trains. */
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsUUID(undefined, { each: true })
  audienceOrganizationIds?: string[];

  @ApiPropertyOptional({ enum: ORGANIZATION_LEVELS, isArray: true })
  @IsOptional() @IsArray() @IsIn(ORGANIZATION_LEVELS, { each: true })
  audienceLevels?: string[];

  @ApiPropertyOptional({ example: ['An toàn thông tin', 'Thư điện tử công vụ'] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @Length(1, 300, { each: true })
  topics?: string[];

  /** Planned classes (e.g. 11). */
  @IsOptional() @IsInt() @Min(0) @Max(100000)
  targetClasses?: number;

  /** Planned trainees, counted as persons (người). */
  @IsOptional() @IsInt() @Min(0) @Max(10000000)
  targetTrainees?: number;

  /** Optional: the share (%) of each audience agency's headcount of the program's year to train. */
  @IsOptional() @IsInt() @Min(0) @Max(100)
  targetHeadcountPercent?: number;
}

/**
 * A change of a program: any field of the creation, `null` clears an optional one (description,
 * targets). `code` and `year` make the certificate numbers: they change only while none is issued.
 */
export class UpdateProgramDto extends PartialType(CreateProgramDto) {}

/** Fields of a program that may not be cleared with null. */
export const PROGRAM_REQUIRED: (keyof UpdateProgramDto)[] = ['code', 'name', 'year', 'organizerOrganizationId'];

export class ProgramsQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1945) @Max(2200)
  year?: number;
}

/** Makes a `training_class` event a class of the program, with its capacity and completion rule. */
export class AttachClassDto {
  /** An event of kind `training_class` (created with POST /api/events). */
  @IsUUID()
  eventId!: string;

  /** Seats; enrolment past it is refused unless a waitlist is asked for. */
  @IsOptional() @IsInt() @Min(1) @Max(100000)
  capacity?: number;

  /** Minimum share (%) of the sessions held while enrolled, excused ones out of the denominator (default 80). */
  @IsOptional() @IsInt() @Min(1) @Max(100)
  minAttendancePercent?: number;

  /** Optional pass score (0–100); then completion also needs the score. */
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100)
  passScore?: number;

  /** Hours printed on the certificate (default: the sessions' total length). */
  @IsOptional() @IsNumber({ maxDecimalPlaces: 1 }) @Min(0.5) @Max(9999)
  hours?: number;

  /** Trainers from the directory (giảng viên): added as the event's participants of role `trainer`. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID(undefined, { each: true })
  trainerPersonIds?: string[];

  /** Trainers from outside the directory, by name. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 200, { each: true })
  externalTrainers?: string[];
}

/**
 * A change of a class: capacity (`null`: no limit; raising it promotes from the waitlist), the
 * completion rule (every trainee's status is recomputed in the same transaction), pass score and
 * hours (`null` clears), trainers (the whole list: the missing join the event's list as `trainer`,
 * the others leave it), external trainers, and the program (only while no certificate is issued).
 */
export class UpdateClassDto extends PartialType(OmitType(AttachClassDto, ['eventId'])) {
  /** Move the class to another program (of the caller's scope). */
  @IsOptional() @IsUUID()
  programId?: string;
}

/** Fields of a class that may not be cleared with null. */
export const CLASS_REQUIRED: (keyof UpdateClassDto)[] = ['minAttendancePercent', 'programId', 'trainerPersonIds', 'externalTrainers'];

export class ClassesQuery {
  @IsOptional() @IsUUID()
  programId?: string;
}

/** One enrolment: a person, or every nominee of the agencies invited with a quota (`fromNominations`). */
export class EnrollDto {
  @ValidateIf((o) => !o.fromNominations) @IsUUID(undefined, { message: 'personId (or fromNominations: true) is required' })
  personId?: string;

  /** Enrol every person the invited agencies nominated (an agency's nominees become trainees). */
  @IsOptional() @IsBoolean()
  fromNominations?: boolean;

  /** Over capacity: put the rest on the waitlist instead of refusing. */
  @IsOptional() @IsBoolean()
  waitlist?: boolean;
}

export class ImportQuery {
  /** Over capacity: the rows past it go on the waitlist instead of the file being refused. */
  @IsOptional() @Transform(bool) @IsBoolean()
  waitlist?: boolean;
}

export class ScoreDto {
  /** 0–100, two decimals at most; null clears it. */
  @ApiProperty({ nullable: true, example: 8.5 })
  @ValidateIf((o) => o.score !== null) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100)
  score!: number | null;
}

export class RevokeDto {
  @Transform(text) @IsString() @Length(1, 500)
  reason!: string;
}

export class SummaryQuery {
  /** A year: classes that start in it. */
  @ApiProperty({ example: '2013' })
  @Matches(/^\d{4}$/, { message: 'must be a year like 2013' })
  period!: string;

  /** Counts of this agency and the agencies below it. */
  @IsOptional() @IsUUID()
  organizationId?: string;
}

export class TrainingExportQuery {
  @ApiProperty({ enum: ['xlsx', 'csv'] })
  @IsIn(['xlsx', 'csv'])
  format!: 'xlsx' | 'csv';
}
