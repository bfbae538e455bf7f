import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ROLES, type Role } from '../../common/auth/principal';
import { PageQuery } from '../../common/pagination/page';
import { cleanText } from '../../common/text/vietnamese';

const lowerEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class LoginDto {
  @Transform(lowerEmail) @IsEmail({ require_tld: false })
  email!: string;
  @IsString() @Length(1, 200)
  password!: string;
}

export class CreateUserDto {
  @Transform(lowerEmail) @IsEmail({ require_tld: false }) @Length(3, 254)
  email!: string;
  @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 200)
  displayName!: string;
  /** At least 10 characters. */
  @IsString() @Length(10, 200)
  password!: string;
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
  /** Limit the user to this organization and everything below it; omit for the whole tree. */
  @IsOptional() @IsUUID()
  scopeOrganizationId?: string | null;
}

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['email'] as const)) {
  /** A deactivated user cannot log in and their tokens stop working at once. */
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES)
  role?: Role;
}

export class UserView {
  id!: string;
  email!: string;
  displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  scopeOrganizationId!: string | null;
  active!: boolean;
  lastLoginAt!: Date | null;
  createdAt!: Date;
}

export class UserPage {
  @ApiProperty({ type: [UserView] }) items!: UserView[];
  total!: number;
  /** More rows follow this page. */
  hasMore!: boolean;
  limit!: number;
  offset!: number;
}

export class TokenView {
  /** Send as `Authorization: Bearer <accessToken>`. */
  accessToken!: string;
  tokenType!: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn!: number;
  user!: UserView;
}
