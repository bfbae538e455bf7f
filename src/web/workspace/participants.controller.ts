import { Body, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { FastifyReply } from 'fastify';
import { MANAGERS, Roles } from '../../common/auth/decorators';
import { AddParticipantDto } from '../../invitations/participants/dto/participant.dto';
import { ParticipantsService } from '../../invitations/participants/participants.service';
import { InvitationsService } from '../../invitations/sending/invitations.service';
import { back, type Form, formAction, refusal, type PageReq, text, WorkspacePages } from './workspace-http';

/**
 * An event's participants and invitations from its page: add people and agencies, withdraw an
 * invitation, send, retry failures — ParticipantsService and InvitationsService as the API uses them.
 * Each action goes back to the event's page saying what happened.
 */
@WorkspacePages('app/events/:id')
@Roles(...MANAGERS)
export class WorkspaceParticipantsController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Post('participants')
  async addParticipant(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Body() body: Form, @Res() reply: FastifyReply) {
    const quota = text(body?.quota);
    const dto = plainToInstance(AddParticipantDto, {
      ...(text(body?.personId) ? { personId: text(body?.personId) } : { organizationId: text(body?.organizationId) || undefined, quota: /^\d{1,4}$/.test(quota) ? Number(quota) : undefined }),
      role: text(body?.role) || 'delegate',
    });
    return formAction(reply, `/app/events/${id}`, dto, () => this.participants.add(req.principal, id, [dto]), 'added');
  }

  /** Withdraws an invitation (the API's DELETE …/participants/:pid: a CANCEL goes to whoever had it). */
  @Post('participants/:pid/remove')
  async removeParticipant(@Param('id', ParseUUIDPipe) id: string, @Param('pid', ParseUUIDPipe) pid: string, @Req() req: PageReq, @Res() reply: FastifyReply) {
    try {
      await this.participants.remove(req.principal, id, pid);
      return back(reply, `/app/events/${id}`, { done: 'removed' });
    } catch (e) {
      return back(reply, `/app/events/${id}`, { error: refusal(e) });
    }
  }

  @Post('send')
  async send(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Res() reply: FastifyReply) {
    try {
      const r = await this.invitations.send(req.principal, id);
      return back(reply, `/app/events/${id}`, { done: 'sent', sent: `${r.invitations}-${r.nominations}-${r.withoutEmail}-${r.upToDate}` });
    } catch (e) {
      return back(reply, `/app/events/${id}`, { error: refusal(e) });
    }
  }

  @Post('retry')
  async retry(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Body() body: Form, @Res() reply: FastifyReply) {
    const one = text(body?.participantId);
    try {
      await this.invitations.retry(req.principal, id, one ? [one] : undefined);
      return back(reply, `/app/events/${id}`, { done: 'retried' });
    } catch (e) {
      return back(reply, `/app/events/${id}`, { error: refusal(e) });
    }
  }
}
