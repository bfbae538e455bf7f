import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { PublicPagesController } from './public-pages.controller';
import { ViewRenderer } from './view-renderer';

/** Server-rendered pages, one folder per audience; today the officials' RSVP and nomination pages. */
@Module({
  imports: [InvitationsModule, AttendanceModule],
  controllers: [PublicPagesController],
  // One renderer, so each template is compiled once per process.
  providers: [{ provide: ViewRenderer, useValue: new ViewRenderer() }],
})
export class WebModule {}
