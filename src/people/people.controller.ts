import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CallerCheckedInQuery, CurrentPrincipal, MANAGERS, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiImportsBusyResponse, ImportQuery, ImportResult } from '../common/csv/import.dto';
import { IdPipe } from '../common/http/params';
import { sendJson } from '../common/pagination/page';
import { CreatePersonDto, ListPeopleQuery, PersonPage, PersonView, UpdatePersonDto } from './dto/person.dto';
import { PeopleService } from './people.service';

@ApiTags('people')
@Controller('api/people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  /** List officials in your scope (or below `organizationId`); `q` ignores diacritics and case. Sorted in Vietnamese order. */
  @Get()
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: PersonPage })
  @CallerCheckedInQuery()
  async list(@CurrentPrincipal() p: Principal, @Query() query: ListPeopleQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendJson(reply, await this.people.listJson(p, query));
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: PersonView })
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.people.get(p, id);
  }

  /** Create an official in an organization of your scope; 409 when the e-mail is taken. */
  @Post()
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: PersonView })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreatePersonDto) {
    return this.people.create(p, dto);
  }

  /**
   * Import officials from a UTF-8 CSV file (request body, `Content-Type: text/csv`), all or nothing.
   * Columns: full_name/Họ và tên, title/Chức vụ, organization_code/Mã đơn vị, email, phone/Điện thoại,
   * is_leader/Lãnh đạo. A row whose e-mail is known updates that person.
   */
  @Post('import')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'Họ và tên,Chức vụ,Mã đơn vị,Email\nNguyễn Văn A,Chuyên viên,02.STTTT,nva@example.gov.vn' } })
  @ApiOkResponse({ type: ImportResult })
  @ApiImportsBusyResponse()
  import(@CurrentPrincipal() p: Principal, @Body() body: unknown, @Query() query: ImportQuery) {
    return this.people.importCsv(p, body, query.dryRun ?? false);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: PersonView })
  update(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: UpdatePersonDto) {
    return this.people.update(p, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...MANAGERS)
  async remove(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    await this.people.remove(p, id);
  }
}
