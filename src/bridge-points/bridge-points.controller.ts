import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CurrentPrincipal, MANAGERS, Public, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { IdPipe } from '../common/http/params';
import { BridgePointsService, COORDINATOR } from './bridge-points.service';
import { COORDINATOR_HEADER, CoordinatorGuard } from './coordinator.guard';
import {
  AddDistrictPointsDto,
  AssignParticipantsDto,
  BridgePointListView,
  BridgePointView,
  CreateBridgePointDto,
  HeadcountDto,
  HeadcountView,
  IncidentDto,
  LiveStatusDto,
  ReadinessDto,
  TimelineEntryView,
  UpdateBridgePointDto,
} from './dto/bridge-point.dto';

/** The organizer's side: an event's bridge points (điểm cầu), their readiness, live status, headcounts and participants. */
@ApiTags('bridge-points')
@Controller('api/events/:id/bridge-points')
export class BridgePointsController {
  constructor(private readonly points: BridgePointsService) {}

  /** Every point of the event with readiness, live status, current headcount and the T-60 flag; passcodes and coordinator links for organizers only. */
  @Get()
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: BridgePointListView })
  list(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.points.list(p, id);
  }

  @Get(':pointId')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: BridgePointView })
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string) {
    return this.points.get(p, id, pointId);
  }

  /** Adds a point (online and hybrid events); the main point is one per event. */
  @Post()
  @Roles(...MANAGERS)
  @ApiCreatedResponse({ type: BridgePointView })
  @ApiConflictResponse({ description: 'In-person event, a second main point, the room twice, or a clash with another published event' })
  create(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: CreateBridgePointDto) {
    return this.points.create(p, id, dto);
  }

  /** Mails each point's technical contact their coordinator link, the join details and the rehearsal time (202: queued). */
  @Post('send-links')
  @HttpCode(202)
  @Roles(...MANAGERS)
  sendLinks(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.points.sendCoordinatorLinks(p, id);
  }

  /** One point for every district-level unit directly under an organization ("all districts of Lào Cai" → 9 points). */
  @Post('districts')
  @Roles(...MANAGERS)
  @ApiCreatedResponse({ type: BridgePointListView })
  addDistricts(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: AddDistrictPointsDto) {
    return this.points.addDistricts(p, id, dto);
  }

  /** Changing the room or video system makes a tested point `untested`; changing what participants see mails them an update. */
  @Patch(':pointId')
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: BridgePointView })
  update(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string, @Body() dto: UpdateBridgePointDto) {
    return this.points.update(p, id, pointId, dto);
  }

  @Delete(':pointId')
  @HttpCode(204)
  @Roles(...MANAGERS)
  remove(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string) {
    return this.points.remove(p, id, pointId);
  }

  /** untested → rehearsed → ready, or fault (with the fault); back to rehearsed when fixed. Audited in the timeline. */
  @Post(':pointId/readiness')
  @HttpCode(204)
  @Roles(...MANAGERS)
  readiness(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string, @Body() dto: ReadinessDto) {
    return this.points.setReadiness(p, id, pointId, dto);
  }

  @Post(':pointId/live')
  @HttpCode(204)
  @Roles(...MANAGERS)
  live(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string, @Body() dto: LiveStatusDto) {
    return this.points.setLive(p, id, pointId, dto);
  }

  @Post(':pointId/incidents')
  @HttpCode(204)
  @Roles(...MANAGERS)
  incident(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string, @Body() dto: IncidentDto) {
    return this.points.incident(p, id, pointId, dto);
  }

  /** Readiness transitions, live status and incidents: who, when, note. */
  @Get(':pointId/timeline')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: [TimelineEntryView] })
  timeline(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string) {
    return this.points.timeline(p, id, pointId);
  }

  /** A new headcount replaces the point's previous one (kept in the history). */
  @Post(':pointId/headcount')
  @Roles(...MANAGERS)
  @ApiCreatedResponse({ type: HeadcountView })
  headcount(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string, @Body() dto: HeadcountDto) {
    return this.points.reportHeadcount(p, id, pointId, dto);
  }

  /** Every headcount reported for the point, newest (the current one) first. */
  @Get(':pointId/headcounts')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: [HeadcountView] })
  headcounts(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string) {
    return this.points.headcountHistory(p, id, pointId);
  }

  @Get(':pointId/participants')
  @Roles(...ANY_ROLE)
  participants(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string) {
    return this.points.pointParticipants(p, id, pointId);
  }

  /** These participants attend from this point (moved from another one if they had it); each moved one who had an invitation gets an update, nobody else. */
  @Put(':pointId/participants')
  @Roles(...MANAGERS)
  assign(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string, @Body() dto: AssignParticipantsDto) {
    return this.points.assign(p, id, pointId, dto.participantIds);
  }

  @Delete(':pointId/participants/:participantId')
  @HttpCode(204)
  @Roles(...MANAGERS)
  unassign(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('pointId', IdPipe) pointId: string, @Param('participantId', IdPipe) participantId: string) {
    return this.points.unassign(p, id, pointId, participantId);
  }
}

/**
 * The coordinator's side, without an account: the point's link token in the `X-Bridge-Token`
 * header (the `/bridge/{token}` page uses the same service). Point X's token on point Y is 403.
 */
@ApiTags('bridge-points')
@ApiHeader({ name: COORDINATOR_HEADER, description: "The point's coordinator token (from its /bridge/{token} link)", required: true })
@Controller('api/bridge/:pointId')
@Public()
@UseGuards(CoordinatorGuard)
export class CoordinatorController {
  constructor(private readonly points: BridgePointsService) {}

  /** The point with its join details and passcode, the event, its invitees to tick and the current headcount. */
  @Get()
  view(@Param('pointId', IdPipe) pointId: string, @Headers(COORDINATOR_HEADER) token: string) {
    return this.points.coordinatorView(token, pointId);
  }

  /** Rehearsal result or readiness: rehearsed, ready, or fault with its kind. */
  @Post('readiness')
  @HttpCode(204)
  async readiness(@Param('pointId', IdPipe) pointId: string, @Headers(COORDINATOR_HEADER) token: string, @Body() dto: ReadinessDto) {
    const { point } = await this.points.coordinatorPoint(token, pointId);
    return this.points.setReadiness(COORDINATOR, point.eventId, pointId, dto);
  }

  @Post('live')
  @HttpCode(204)
  async live(@Param('pointId', IdPipe) pointId: string, @Headers(COORDINATOR_HEADER) token: string, @Body() dto: LiveStatusDto) {
    const { point } = await this.points.coordinatorPoint(token, pointId);
    return this.points.setLive(COORDINATOR, point.eventId, pointId, dto);
  }

  @Post('incidents')
  @HttpCode(204)
  async incident(@Param('pointId', IdPipe) pointId: string, @Headers(COORDINATOR_HEADER) token: string, @Body() dto: IncidentDto) {
    const { point } = await this.points.coordinatorPoint(token, pointId);
    return this.points.incident(COORDINATOR, point.eventId, pointId, dto);
  }

  /** Who came, by agency, optionally ticking names: replaces the point's previous headcount. */
  @Post('headcount')
  @ApiCreatedResponse({ type: HeadcountView })
  async headcount(@Param('pointId', IdPipe) pointId: string, @Headers(COORDINATOR_HEADER) token: string, @Body() dto: HeadcountDto) {
    const { point } = await this.points.coordinatorPoint(token, pointId);
    return this.points.reportHeadcount(COORDINATOR, point.eventId, pointId, dto);
  }
}
