import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ANY_ROLE, CurrentPrincipal, Public, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { AccountsService } from './accounts.service';
import { LoginDto, TokenView, UserView } from './dto/user.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  /** Exchange e-mail and password for a bearer token (valid 12 hours). */
  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenView })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password, or the account is deactivated' })
  login(@Body() dto: LoginDto) {
    return this.accounts.login(dto.email, dto.password);
  }

  /** The logged-in user. */
  @Get('me')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: UserView })
  me(@CurrentPrincipal() p: Principal) {
    return this.accounts.me(p);
  }
}
