import { Module } from '@nestjs/common';
import { BridgePointsModule } from '../bridge-points/bridge-points.module';
import { AttendanceModule } from '../attendance/attendance.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { TrainingModule } from '../training/training.module';
import { BridgePagesController } from './bridge-pages.controller';
import { PublicPagesController } from './public-pages.controller';
import { TrainingPagesController } from './training-pages.controller';
import { ViewRenderer } from './view-renderer';

/** Server-rendered pages, one folder per audience: the officials' RSVP, nomination and check-in pages, the bridge-point coordinator's page, the trainer's roster, certificates and their verification. */
@Module({
  imports: [InvitationsModule, BridgePointsModule, AttendanceModule, TrainingModule],
  controllers: [PublicPagesController, BridgePagesController, TrainingPagesController],
  // One renderer, so each template is compiled once per process.
  providers: [{ provide: ViewRenderer, useValue: new ViewRenderer() }],
})
export class WebModule {}
