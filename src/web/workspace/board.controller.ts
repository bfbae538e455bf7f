import { Body, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { FastifyReply } from 'fastify';
import { BridgePointsService } from '../../bridge-points/bridge-points.service';
import { AddDistrictPointsDto, CreateBridgePointDto, UpdateBridgePointDto, VIDEO_PROVIDERS } from '../../bridge-points/dto/bridge-point.dto';
import { ANY_ROLE, MANAGERS, Roles } from '../../common/auth/decorators';
import { formatLocal } from '../../common/time/time';
import { EventsService } from '../../events/events.service';
import { ListParticipantsQuery } from '../../invitations/participants/dto/participant.dto';
import { ParticipantsService } from '../../invitations/participants/participants.service';
import { ListOrganizationsQuery } from '../../organizations/dto/organization.dto';
import { OrganizationsService } from '../../organizations/organizations.service';
import { ViewRenderer } from '../view-renderer';
import { back, type Form, formAction, html, outcome, refusal, type PageReq, text, WorkspacePages } from './workspace-http';
import { renderWorkspace, workspaceContext } from './workspace-page';
import { boardView, eventRow } from './workspace-views';

/**
 * An online or hybrid event's bridge points: the live board; adding a point or one per district of an
 * organization, editing a point and who attends from it, mailing the coordinators their links —
 * through BridgePointsService as the API's /api/events/{id}/bridge-points routes do.
 */
@WorkspacePages('app/events/:id/board')
export class WorkspaceBoardController {
  constructor(
    private readonly views: ViewRenderer,
    private readonly events: EventsService,
    private readonly points: BridgePointsService,
    private readonly organizations: OrganizationsService,
    private readonly participants: ParticipantsService,
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
    return renderWorkspace(this.views, ctx, 'board', { event: eventRow(event), ...view, organizations, canManage: MANAGERS.includes(p.role), ...outcome(query, ['point', 'districts', 'links', 'pointSaved', 'assigned']), queued: text(query.queued), providers: VIDEO_PROVIDERS, updatedAt: formatLocal(new Date()) }, { seconds: 5, refreshWithoutScript: true });
  }

  @Post('points')
  @Roles(...MANAGERS)
  async addPoint(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Body() body: Form, @Res() reply: FastifyReply) {
    const dto = plainToInstance(CreateBridgePointDto, { ...pointFields(body), videoProvider: text(body?.videoProvider) || 'vnpt_cvc' });
    return formAction(reply, `/app/events/${id}/board`, dto, () => this.points.create(req.principal, id, dto), 'point');
  }

  /** One point for every district directly under an organization (the API's POST …/bridge-points/districts). */
  @Post('districts')
  @Roles(...MANAGERS)
  async addDistricts(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Body() body: Form, @Res() reply: FastifyReply) {
    const dto = plainToInstance(AddDistrictPointsDto, { organizationId: text(body?.organizationId) || undefined, videoProvider: text(body?.videoProvider) || 'vnpt_cvc', roomName: text(body?.roomName) || undefined });
    return formAction(reply, `/app/events/${id}/board`, dto, () => this.points.addDistricts(req.principal, id, dto), 'districts');
  }

  /** Mails each point's contact their coordinator link (the API's POST …/send-links). */
  @Post('send-links')
  @Roles(...MANAGERS)
  async sendLinks(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Res() reply: FastifyReply) {
    try {
      const r = await this.points.sendCoordinatorLinks(req.principal, id);
      return back(reply, `/app/events/${id}/board`, { done: 'links', queued: `${r.queued}-${r.withoutContact}` });
    } catch (e) {
      return back(reply, `/app/events/${id}/board`, { error: refusal(e) });
    }
  }

  /** One point: its details to edit and the invited officials, those attending from it ticked. */
  @Get('points/:pointId')
  @Roles(...MANAGERS)
  async point(@Param('id', ParseUUIDPipe) id: string, @Param('pointId', ParseUUIDPipe) pointId: string, @Req() req: PageReq, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const p = req.principal;
    const [event, point, here, list, board] = await Promise.all([
      this.events.get(p, id),
      this.points.get(p, id, pointId),
      this.points.pointParticipants(p, id, pointId),
      this.participants.list(p, id, plainToInstance(ListParticipantsQuery, { limit: 200 })),
      this.points.list(p, id),
    ]);
    const assigned = new Set(here.map((r) => r.participantId));
    const elsewhere = new Map(board.points.filter((x) => x.id !== pointId).map((x) => [x.id, `${x.roomName} – ${x.hostOrganizationName}`]));
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'point', {
      event: eventRow(event),
      point,
      providers: VIDEO_PROVIDERS,
      people: list.items
        .filter((x) => x.kind !== 'agency' && x.status !== 'removed')
        .map((x) => ({ id: x.id, name: x.fullName ?? '', organizationName: x.organizationName ?? '', checked: assigned.has(x.id) })),
      others: [...elsewhere.values()],
      ...outcome(query, ['pointSaved', 'assigned']),
    });
  }

  /** Saves a point's details (the API's PATCH: a changed room or video system makes a tested point untested). */
  @Post('points/:pointId')
  @Roles(...MANAGERS)
  async savePoint(@Param('id', ParseUUIDPipe) id: string, @Param('pointId', ParseUUIDPipe) pointId: string, @Req() req: PageReq, @Body() body: Form, @Res() reply: FastifyReply) {
    const here = `/app/events/${id}/board/points/${pointId}`;
    const dto = plainToInstance(UpdateBridgePointDto, { ...pointFields(body), videoProvider: text(body?.videoProvider) || undefined, joinUrl: text(body?.joinUrl) || null, expectedAttendance: pointFields(body).expectedAttendance ?? null });
    return formAction(reply, here, dto, () => this.points.update(req.principal, id, pointId, dto), 'pointSaved');
  }

  /**
   * Who attends from this point: the ticked officials are assigned (moved from another point if they
   * had one; the API's PUT …/participants), the unticked ones that were here are released.
   */
  @Post('points/:pointId/participants')
  @Roles(...MANAGERS)
  async assign(@Param('id', ParseUUIDPipe) id: string, @Param('pointId', ParseUUIDPipe) pointId: string, @Req() req: PageReq, @Body() body: Form, @Res() reply: FastifyReply) {
    const here = `/app/events/${id}/board/points/${pointId}`;
    const raw = body?.participantId;
    const wanted = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(text);
    if (wanted.length > 5000 || wanted.some((x) => !/^[0-9a-f-]{36}$/i.test(x))) return back(reply, here, { error: 'invalid' });
    try {
      const before = (await this.points.pointParticipants(req.principal, id, pointId)).map((r) => r.participantId);
      if (wanted.length) await this.points.assign(req.principal, id, pointId, wanted);
      for (const gone of before.filter((x) => !wanted.includes(x))) await this.points.unassign(req.principal, id, pointId, gone);
      return back(reply, here, { done: 'assigned' });
    } catch (e) {
      return back(reply, here, { error: refusal(e) });
    }
  }
}

/** The fields of the add and edit forms of a point, as the DTOs take them. */
function pointFields(body: Form) {
  const expected = text(body?.expectedAttendance);
  return {
    hostOrganizationId: text(body?.hostOrganizationId) || undefined,
    roomName: text(body?.roomName) || undefined,
    joinUrl: text(body?.joinUrl) || undefined,
    isMain: body?.isMain === 'on' || body?.isMain === 'true',
    ...(/^\d{1,5}$/.test(expected) ? { expectedAttendance: Number(expected) } : {}),
  };
}
