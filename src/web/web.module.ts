import { Module } from '@nestjs/common';
import { InvitationsModule } from '../invitations/invitations.module';
import { PublicPagesController } from './public-pages.controller';

/** Server-rendered pages, one folder per audience; today the officials' RSVP and nomination pages. */
@Module({ imports: [InvitationsModule], controllers: [PublicPagesController] })
export class WebModule {}
