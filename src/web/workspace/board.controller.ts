import { Body, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { BridgePointsService } from '../../bridge-points/bridge-points.service';
import { CreateBridgePointDto } from '../../bridge-points/dto/bridge-point.dto';
import { ANY_ROLE, MANAGERS, Roles } from '../../common/auth/decorators';
import { formatLocal } from '../../common/time/time';
import { EventsService } from '../../events/events.service';
import { ListOrganizationsQuery } from '../../organizations/dto/organization.dto';
import { OrganizationsService } from '../../organizations/organizations.service';
import { ViewRenderer } from '../view-renderer';
import { back, type Form, html, outcome, refusal, type PageReq, text, WorkspacePages } from './workspace-http';
import { renderWorkspace, workspaceContext } from './workspace-page';
import { boardView, eventRow } from './workspace-views';

/** An online or hybrid event's bridge points: the live board and adding points, through BridgePointsService as the API does. */
@WorkspacePages('app/events/:id/board')
export class WorkspaceBoardController {
  constructor(
    private readonly views: ViewRenderer,
    private readonly events: EventsService,
    private readonly points: BridgePointsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** The bridge-point board: every point's readiness, connection and headcount; `?part=live` is the table alone, which the page polls. */
  @Get()
  @Roles(...ANY_ROLE)
  async board(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const p = req.principal;
    const [event, list] = await Promise.all([this.events.get(p, id), this.points.list(p, id)]);
    const ctx = workspaceContext(req, reply);
    const view = boardView(ctx.locale, list);
    html(reply);
    if (text(query.part) === 'live') return renderWorkspace(this.views, ctx, 'board-live', { ...view, fragment: true });
    const organizations = MANAGERS.includes(p.role) ? (await this.organizations.list(p, plainToInstance(ListOrganizationsQuery, { limit: 200 }))).items : [];
    return renderWorkspace(this.views, ctx, 'board', { event: eventRow(event), ...view, organizations, canManage: MANAGERS.includes(p.role), ...outcome(query, ['point']), updatedAt: formatLocal(new Date()) }, { seconds: 5, refreshWithoutScript: true });
  }

  @Post('points')
  @Roles(...MANAGERS)
  async addPoint(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Body() body: Form, @Res() reply: FastifyReply) {
    const expected = text(body?.expectedAttendance);
    const dto = plainToInstance(CreateBridgePointDto, {
      hostOrganizationId: text(body?.hostOrganizationId) || undefined,
      roomName: text(body?.roomName) || undefined,
      videoProvider: text(body?.videoProvider) || 'vnpt_cvc',
      isMain: body?.isMain === 'on' || body?.isMain === 'true',
      ...(/^\d{1,5}$/.test(expected) ? { expectedAttendance: Number(expected) } : {}),
    });
    if ((await validate(dto, { whitelist: true })).length) return back(reply, `/app/events/${id}/board`, { error: 'invalid' });
    try {
      await this.points.create(req.principal, id, dto);
      return back(reply, `/app/events/${id}/board`, { done: 'point' });
    } catch (e) {
      return back(reply, `/app/events/${id}/board`, { error: refusal(e) });
    }
  }
}
