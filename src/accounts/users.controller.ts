import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { IdPipe } from '../common/http/params';
import { AccountsService } from './accounts.service';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserPage, UserView } from './dto/user.dto';

/** User management: administrators only. */
@ApiTags('users')
@Controller('api/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOkResponse({ type: UserPage })
  list(@Query() query: ListUsersQuery) {
    return this.accounts.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  get(@Param('id', IdPipe) id: string) {
    return this.accounts.get(id);
  }

  /** Create a user with a role and an optional organization scope; 409 when the e-mail is taken. */
  @Post()
  @ApiOkResponse({ type: UserView })
  create(@Body() dto: CreateUserDto) {
    return this.accounts.create(dto);
  }

  /** Change name, password, role, scope or deactivate. */
  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  update(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.accounts.update(p, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    await this.accounts.remove(p, id);
  }
}
