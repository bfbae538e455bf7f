import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { download } from '../common/http/download';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, CurrentPrincipal, MANAGERS, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ImportResult } from '../common/csv/import.dto';
import { IdPipe } from '../common/http/params';
import { CreateDefinitionDto, DefinitionView, ExportQuery, ImportValuesQuery, PublishDto, RankingQuery, RankingView, SetValueDto, SnapshotsQuery, UpdateDefinitionDto, ValuesQuery } from './dto/indicator.dto';
import { IndicatorsService } from './indicators.service';

/**
 * Chỉ số và xếp hạng. Everyone signed in reads in their scope; admins define indicators (they apply to
 * every province); admins and organizers enter reported values of agencies in their scope; admins,
 * organizers and leaders publish (freeze) a ranking — the only thing a leader writes.
 */
@ApiTags('indicators')
@Controller('api/indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('definitions')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: [DefinitionView] })
  definitions() {
    return this.indicators.listDefinitions();
  }

  /** A definition: code, names, unit, source (computed `participation` with its `metric`, or `reported`), weight, targets per group, thresholds. */
  @Post('definitions')
  @Roles('admin')
  @ApiCreatedResponse({ type: DefinitionView })
  @ApiConflictResponse({ description: '`indicators.code_taken`' })
  createDefinition(@Body() dto: CreateDefinitionDto) {
    return this.indicators.createDefinition(dto);
  }

  @Get('definitions/:id')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: DefinitionView })
  @ApiNotFoundResponse({ description: '`indicators.definition_not_found`' })
  definition(@Param('id', IdPipe) id: string) {
    return this.indicators.definition(id);
  }

  /** Changes names, weight, targets (null clears), thresholds or `active` (inactive: out of the live score, values kept). Published snapshots do not change. */
  @Patch('definitions/:id')
  @Roles('admin')
  @ApiOkResponse({ type: DefinitionView })
  @ApiNotFoundResponse({ description: '`indicators.definition_not_found`' })
  @ApiBadRequestResponse({ description: 'A field not allowed (code, source, metric, unit) or thresholds that do not descend' })
  updateDefinition(@Param('id', IdPipe) id: string, @Body() dto: UpdateDefinitionDto) {
    return this.indicators.updateDefinition(id, dto);
  }

  /** Reported values of a period for the agencies of an organization (default: the caller's scope). */
  @Get('values')
  @Roles(...ANY_ROLE)
  values(@CurrentPrincipal() p: Principal, @Query() q: ValuesQuery) {
    return this.indicators.listValues(p, q.period, q.organizationId);
  }

  /** Enters or corrects one reported value (of a department or district in the caller's scope). */
  @Put('values')
  @Roles(...MANAGERS)
  @ApiBadRequestResponse({ description: '`indicators.not_reported`, `indicators.not_an_agency`, `validation.failed`' })
  setValue(@CurrentPrincipal() p: Principal, @Body() dto: SetValueDto) {
    return this.indicators.setValue(p, dto);
  }

  /**
   * Reported values from a CSV (UTF-8) or XLSX file: Mã chỉ số, Mã đơn vị, Năm, Giá trị, Ghi chú (or indicator_code,
   * organization_code, year, value, note). All or nothing: a file with bad rows is refused with every bad row listed.
   */
  @Post('values/import')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiConsumes('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiBody({ schema: { type: 'string', example: 'Mã chỉ số,Mã đơn vị,Năm,Giá trị\nEMAIL_USE,10.STTTT,2014,62.5' } })
  @ApiOkResponse({ type: ImportResult })
  @ApiBadRequestResponse({ description: '`validation.failed` with one detail per bad row and column; `indicators.import_rejected` for an unreadable workbook' })
  importValues(@CurrentPrincipal() p: Principal, @Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Query() q: ImportValuesQuery) {
    return this.indicators.importValues(p, body, contentType, q.dryRun ?? false);
  }

  /** The live ranking of a period: scores 0–100, levels, competition ranks overall and per group, shares per level. */
  @Get('ranking')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: RankingView })
  @ApiBadRequestResponse({ description: '`indicators.root_required` when an unscoped caller gives no organizationId' })
  ranking(@CurrentPrincipal() p: Principal, @Query() q: RankingQuery) {
    return this.indicators.ranking(p, q);
  }

  /** The ranking (live, or published `version`) as XLSX (default) or CSV with BOM; Vietnamese headers. */
  @Get('ranking/export')
  @Roles(...ANY_ROLE)
  @HttpCode(200)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ description: 'The file' })
  async export(@CurrentPrincipal() p: Principal, @Query() q: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const f = await this.indicators.export(p, q);
    return download(reply, f);
  }

  /** Freezes the period's ranking as its next version; later edits never change it. */
  @Post('snapshots')
  @Roles('admin', 'organizer', 'leader')
  @ApiCreatedResponse({ description: 'The new version: id, organizationId, period, version, publishedAt, publishedBy' })
  publish(@CurrentPrincipal() p: Principal, @Body() dto: PublishDto) {
    return this.indicators.publish(p, dto.period, dto.organizationId);
  }

  /** Published versions, newest first. */
  @Get('snapshots')
  @Roles(...ANY_ROLE)
  snapshots(@CurrentPrincipal() p: Principal, @Query() q: SnapshotsQuery) {
    return this.indicators.listSnapshots(p, q);
  }

  @Get('snapshots/:id')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: RankingView })
  @ApiNotFoundResponse({ description: '`indicators.snapshot_not_found`' })
  snapshot(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.indicators.snapshot(p, id);
  }
}
