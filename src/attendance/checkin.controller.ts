import { Body, Controller, Headers, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Public, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { BridgePointsService } from '../bridge-points/bridge-points.service';
import { COORDINATOR_HEADER, CoordinatorGuard } from '../bridge-points/coordinator.guard';
import { IdPipe } from '../common/http/params';
import { LinkToken } from '../invitations/public/link-token.guard';
import { type CheckInResult, CheckInService } from './checkin.service';
import { CodeCheckInDto, QrCheckInDto } from './dto/attendance.dto';

/** 201 when the row was written now, 200 for a replay of the same request (same nonce) with the original time. */
const answer = (reply: FastifyReply, r: CheckInResult) => {
  void reply.status(r.result === 'checked_in' ? 201 : 200);
  return r;
};

/**
 * Check-ins. A refusal answers its reason as the error `code` (`attendance.not_invited`,
 * `wrong_session`, `outside_window`, `already_checked_in`, `token_expired`, `bad_code`, `throttled`)
 * and is logged for the organizer; a 2xx always means a row exists.
 */
@ApiTags('attendance')
@Controller('api')
export class CheckInController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly bridge: BridgePointsService,
  ) {}

  /** Self check-in with the personal RSVP link and the six-digit hall code (public: the link is the credential). */
  @Post('rsvp/:token/checkin')
  @Public()
  @LinkToken('rsvp')
  @ApiOkResponse({ description: 'Already checked in by this same request (same nonce): the original time' })
  async byCode(@Param('token') token: string, @Body() dto: CodeCheckInDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return answer(reply, await this.checkIns.checkInByCode(token, dto));
  }

  /** A scanned personal QR code (`/checkin/<token>`): an admin, an organizer of the event's host, or a trainer of the event. Marks the current session. */
  @Post('checkin/:token')
  @Roles('admin', 'organizer', 'trainer')
  @LinkToken('checkin')
  @ApiOkResponse({ description: 'Already checked in by this same request (same nonce): the original time' })
  async byQr(@CurrentPrincipal() p: Principal, @Param('token') token: string, @Body() dto: QrCheckInDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return answer(reply, await this.checkIns.checkInByQr({ kind: 'user', principal: p }, token, dto));
  }

  /**
   * A personal QR code scanned by a bridge point's coordinator (their point's token in `X-Bridge-Token`,
   * no account): only participants assigned to that point (403 for others). Marks the current session.
   */
  @Post('bridge/:pointId/checkin/:token')
  @Public()
  @UseGuards(CoordinatorGuard)
  @LinkToken('checkin')
  @ApiOkResponse({ description: 'Already checked in by this same request (same nonce): the original time' })
  async byCoordinator(
    @Param('pointId', IdPipe) pointId: string,
    @Headers(COORDINATOR_HEADER) coordinatorToken: string,
    @Param('token') token: string,
    @Body() dto: QrCheckInDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { point } = await this.bridge.coordinatorPoint(coordinatorToken, pointId);
    return answer(reply, await this.checkIns.checkInByQr({ kind: 'coordinator', pointId: point.id, label: 'coordinator' }, token, dto));
  }
}
