import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { parseYesNo } from '../../common/csv/yes-no';
import { PageQuery } from '../../common/pagination/page';
import { cleanText } from '../../common/text/vietnamese';
import { lowerEmail, PHONE } from './person-rules';


export class CreatePersonDto {
  /** Full name with diacritics, e.g. "Nguyễn Văn Sơn". */
  @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 200)
  fullName!: string;

  /** Title (chức vụ), e.g. "Phó Chủ tịch UBND tỉnh – Trưởng Ban Chỉ đạo CNTT". */
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 300)
  title?: string | null;

  @IsUUID()
  organizationId!: string;

  /** A leader (lãnh đạo) of the organization. */
  @IsOptional() @IsBoolean()
  isLeader?: boolean;

  /** Unique among people, compared without case. */
  @IsOptional() @Transform(lowerEmail) @IsEmail() @Length(3, 254)
  email?: string | null;

  @IsOptional() @IsString() @Matches(PHONE, { message: 'phone may contain digits, spaces and + ( ) . - only' })
  phone?: string | null;
}

export class UpdatePersonDto extends PartialType(CreatePersonDto) {}

export class ListPeopleQuery extends PageQuery {
  /** Search in name, title and e-mail without regard to diacritics or case ("nguyen van son" finds "Nguyễn Văn Sơn"). */
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 200)
  q?: string;

  /** People of this organization and of all organizations below it. */
  @IsOptional() @IsUUID()
  organizationId?: string;

  @IsOptional() @Transform(({ value }) => parseYesNo(value)) @IsBoolean()
  isLeader?: boolean;
}

export class PersonView {
  id!: string;
  fullName!: string;
  title!: string | null;
  organizationId!: string;
  isLeader!: boolean;
  email!: string | null;
  phone!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class PersonPage {
  @ApiProperty({ type: [PersonView] }) items!: PersonView[];
  /** Matching rows in all; null without `total=true` when rows run past this page. */
  @ApiProperty({ type: Number, nullable: true }) total!: number | null;
  /** More rows follow this page. */
  hasMore!: boolean;
  limit!: number;
  offset!: number;
}
