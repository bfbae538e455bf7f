import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../common/auth/decorators';
import { notFound } from '../common/errors/api-error';
import { MailService } from './mail.service';

/**
 * The `.eml` files of the file transport (no SMTP_URL), for trying hoinghi out. Not registered in
 * production. Administrators only: the mails of every event are here, with live RSVP and
 * nomination links, and an organizer must not see other scopes' invitations. No server paths.
 */
@ApiTags('dev')
@Controller('api/dev/outbox')
export class DevOutboxController {
  constructor(private readonly mail: MailService) {}

  /** Messages written to DATA_DIR/outbox, newest first. */
  @Get()
  @Roles('admin')
  @ApiOkResponse({ description: '{ items: [{ file, size, at }] }' })
  async list() {
    return { items: await this.mail.listEml() };
  }

  /** One message as `message/rfc822`: open it in a mail program. */
  @Get(':file')
  @Roles('admin')
  @Header('content-type', 'message/rfc822')
  async get(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const body = await this.mail.readEml(file);
    if (!body) throw notFound('Message', file);
    void reply.header('content-disposition', `attachment; filename="${file}"`);
    return body;
  }
}
