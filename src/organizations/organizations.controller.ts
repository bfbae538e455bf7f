import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CallerCheckedInQuery, CurrentPrincipal, MANAGERS, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiImportsBusyResponse, ImportQuery, ImportResult } from '../common/csv/import.dto';
import { IdPipe } from '../common/http/params';
import { sendJson } from '../common/pagination/page';
import { CreateOrganizationDto, ListOrganizationsQuery, OrganizationPage, OrganizationView, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('api/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  /** List organizations in your scope; filter by kind, level, parent; `q` ignores diacritics and case. Sorted in Vietnamese order. */
  @Get()
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: OrganizationPage })
  @CallerCheckedInQuery()
  async list(@CurrentPrincipal() p: Principal, @Query() query: ListOrganizationsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendJson(reply, await this.organizations.listJson(p, query));
  }

  /** One organization with its headcounts per year. */
  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: OrganizationView })
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.organizations.get(p, id);
  }

  /** The organization and all organizations below it, parents first. */
  @Get(':id/subtree')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: [OrganizationView] })
  subtree(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.organizations.subtree(p, id);
  }

  /** The organizations above it, from the root down to its parent. */
  @Get(':id/ancestors')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: [OrganizationView] })
  ancestors(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.organizations.ancestors(p, id);
  }

  /** Create an organization below one in your scope. */
  @Post()
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: OrganizationView })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateOrganizationDto) {
    return this.organizations.create(p, dto);
  }

  /**
   * Import organizations from a UTF-8 CSV file (request body, `Content-Type: text/csv`), all or nothing.
   * Columns (Vietnamese or English headers): code/Mã, name/Tên, short_name/Tên viết tắt, kind/Loại, level/Cấp,
   * parent_code/Mã đơn vị cha, headcount_year/Năm, headcount/Biên chế. Rows are matched by code.
   */
  @Post('import')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'Mã,Tên,Loại,Cấp,Mã đơn vị cha\n02.SYT,Sở Y tế tỉnh Hà Giang,department,province,02' } })
  @ApiOkResponse({ type: ImportResult })
  @ApiImportsBusyResponse()
  import(@CurrentPrincipal() p: Principal, @Body() body: unknown, @Query() query: ImportQuery) {
    return this.organizations.importCsv(p, body, query.dryRun ?? false);
  }

  /** Change fields, move below another parent (the subtree moves along), or set headcounts for the given years. */
  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: OrganizationView })
  update(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: UpdateOrganizationDto) {
    return this.organizations.update(p, id, dto);
  }

  /** Delete an organization; 409 while children, people, users or events refer to it. */
  @Delete(':id')
  @HttpCode(204)
  @Roles(...MANAGERS)
  async remove(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    await this.organizations.remove(p, id);
  }
}
