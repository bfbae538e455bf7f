import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CurrentPrincipal, MANAGERS, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { IdPipe } from '../../common/http/params';
import { AddParticipantsDto, ListParticipantsQuery, ParticipantPage, ParticipantView, UpdateParticipantDto } from './dto/participant.dto';
import { ParticipantsService } from './participants.service';

@ApiTags('invitations')
@Controller('api/events/:id/participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  /** Participants of the event, filtered by status, role and kind. */
  @Get()
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: ParticipantPage })
  list(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: ListParticipantsQuery) {
    return this.participants.list(p, id, q);
  }

  @Get(':participantId')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: ParticipantView })
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('participantId', IdPipe) pid: string) {
    return this.participants.get(p, id, pid);
  }

  /** Invite persons (`personId`) and agencies (`organizationId` + `quota`), all or nothing; someone invited already → 409. */
  @Post()
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: [ParticipantView] })
  @ApiConflictResponse({ description: 'Already invited, or the event is cancelled/completed' })
  add(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: AddParticipantsDto) {
    return this.participants.add(p, id, dto.participants);
  }

  @Patch(':participantId')
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: ParticipantView })
  update(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('participantId', IdPipe) pid: string, @Body() dto: UpdateParticipantDto) {
    return this.participants.update(p, id, pid, dto);
  }

  /** Withdraw an invitation: the participant gets a METHOD:CANCEL if they had an invitation. */
  @Delete(':participantId')
  @HttpCode(204)
  @Roles(...MANAGERS)
  remove(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('participantId', IdPipe) pid: string) {
    return this.participants.remove(p, id, pid);
  }
}
