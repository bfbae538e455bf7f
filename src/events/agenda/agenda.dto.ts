import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import type { ErrorDetail } from '../../common/errors/api-error';
import { cleanText } from '../../common/text/vietnamese';
import { WarningView } from '../dto/event.dto';
import { IsInstant } from '../../common/time/instant';
import { AGENDA_TYPES, type AgendaType } from './agenda-item.entity';

/** The kinds of agenda item (for forms that offer them). */
export { AGENDA_TYPES };

export class AgendaItemDto {
  /** When the item starts (Hà Nội time without offset); must fall within a session of the event. */
  @ApiProperty({ type: String, required: false, example: '2015-04-10T08:15' })
  @IsOptional() @IsInstant('must be a time like 2015-04-10T08:15')
  startsAt?: Date | null;

  @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 500)
  title!: string;

  @ApiProperty({ enum: AGENDA_TYPES })
  @IsIn(AGENDA_TYPES)
  type!: AgendaType;

  /** A speaker from the directory … */
  @IsOptional() @IsUUID()
  speakerPersonId?: string | null;

  /** … or as free text. */
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 300)
  speakerName?: string | null;
}

export class ReplaceAgendaDto {
  /** The whole programme, in order; replaces the previous one. */
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => AgendaItemDto)
  items!: AgendaItemDto[];
}

export class AgendaItemView {
  id!: string;
  position!: number;
  startsAt!: Date | null;
  startsAtLocal!: string | null;
  title!: string;
  @ApiProperty({ enum: AGENDA_TYPES }) type!: AgendaType;
  speakerPersonId!: string | null;
  speakerName!: string | null;
}

export class AgendaView {
  @ApiProperty({ type: [AgendaItemView] }) items!: AgendaItemView[];
  /** e.g. a speaker who speaks at another event at the same time. */
  @ApiProperty({ type: [WarningView], required: false }) warnings?: ErrorDetail[];
}
