import { Body, Get, HttpException, Param, Post, Req, Res } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { CheckInService, refusalReasonOf } from '../../attendance/checkin.service';
import { Roles } from '../../common/auth/decorators';
import { eventDetailRows } from '../../invitations/content/mail-content';
import { InvitationLinks } from '../../invitations/public/links';
import { RsvpService } from '../../invitations/public/rsvp.service';
import { clientError } from '../page-response';
import { ViewRenderer } from '../view-renderer';
import { type Form, html, type PageReq, text, WorkspacePages } from './workspace-http';
import { renderWorkspace, workspaceContext } from './workspace-page';
import { scanResult } from './workspace-views';

/**
 * A scanned personal QR code (`/checkin/{token}` leads here for a signed-in user): whose code it is
 * and a button that checks them in to the current session — the API's QR check-in with the session's
 * user as scanner (admins, organizers of the host, trainers of the event; others are refused with 403).
 */
@WorkspacePages('app/checkin')
@Roles('admin', 'organizer', 'trainer')
export class WorkspaceCheckInController {
  constructor(
    private readonly views: ViewRenderer,
    private readonly checkIns: CheckInService,
    private readonly links: InvitationLinks,
    private readonly rsvp: RsvpService,
  ) {}

  @Get(':token')
  async scanPage(@Param('token') token: string, @Req() req: PageReq, @Res({ passthrough: true }) reply: FastifyReply) {
    html(reply);
    return this.renderScan(req, reply, token, null);
  }

  @Post(':token')
  async scan(@Param('token') token: string, @Req() req: PageReq, @Body() body: Form, @Res({ passthrough: true }) reply: FastifyReply) {
    const nonce = /^[A-Za-z0-9_-]{8,64}$/.test(text(body?.nonce)) ? text(body.nonce) : randomUUID();
    const ctx = workspaceContext(req, reply);
    const name = (await this.scanned(token)).name;
    try {
      const r = await this.checkIns.checkInByQr({ kind: 'user', principal: req.principal }, token, { nonce });
      html(reply, r.result === 'checked_in' ? 201 : 200);
      return this.renderScan(req, reply, token, scanResult(ctx.locale, name, { checkedIn: { status: r.status, at: r.checkedInAt } }));
    } catch (e) {
      if (!clientError(e) || e.getStatus() === 404) throw e;
      const reason = refusalReasonOf(e) ?? (e.getStatus() === 403 ? 'forbidden' : null);
      if (!reason) throw e;
      const details = (e.getResponse() as { details?: { message?: string }[] }).details ?? [];
      const at = reason === 'already_checked_in' && details[0]?.message ? new Date(details[0].message) : null;
      html(reply, e.getStatus());
      return this.renderScan(req, reply, token, scanResult(ctx.locale, name, { refused: reason, at }));
    }
  }

  /** Whose check-in code this is (404 page for a forged one). */
  private async scanned(token: string) {
    const participantId = this.links.verify('checkin', token);
    if (!participantId) throw new HttpException('Unknown check-in code', 404);
    const v = await this.rsvp.view(this.links.issue('rsvp', participantId));
    return { name: v.fullName, event: v.mailEvent };
  }

  private async renderScan(req: PageReq, reply: FastifyReply, token: string, result: ReturnType<typeof scanResult> | null) {
    const ctx = workspaceContext(req, reply);
    const { name, event } = await this.scanned(token);
    return renderWorkspace(this.views, ctx, 'checkin', { name, title: event.title, details: eventDetailRows(ctx.locale, event), result, nonce: randomUUID(), action: `/app/checkin/${token}` });
  }
}
