import { Module } from '@nestjs/common';
import { BridgePointsModule } from '../bridge-points/bridge-points.module';
import { AttendanceModule } from '../attendance/attendance.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { TrainingModule } from '../training/training.module';
import { BridgePagesController } from './bridge-pages.controller';
import { PublicPagesController } from './public-pages.controller';
import { TrainingPagesController } from './training-pages.controller';
import { ViewRenderer } from './view-renderer';
import { AccountsModule } from '../accounts/accounts.module';
import { EventsModule } from '../events/events.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { WorkspaceAssetsController } from './workspace/assets.controller';
import { AdminController } from './workspace/admin.controller';
import { WorkspaceAuthController } from './workspace/workspace-auth.controller';
import { WorkspaceAttendanceController } from './workspace/attendance.controller';
import { WorkspaceBoardController } from './workspace/board.controller';
import { WorkspaceCheckInController } from './workspace/checkin.controller';
import { DashboardController } from './workspace/dashboard.controller';
import { WorkspaceEventsController } from './workspace/events.controller';
import { WorkspaceParticipantsController } from './workspace/participants.controller';
import { WorkspaceTasksController } from './workspace/tasks.controller';
import { WorkspaceTrainingController } from './workspace/training.controller';
import { IndicatorsPagesController } from './workspace/indicators.controller';
import { IndicatorsModule } from '../indicators/indicators.module';

/**
 * Server-rendered pages, one folder per audience: the officials' RSVP, nomination and check-in pages, the
 * bridge-point coordinator's page, the trainer's roster, certificates and their verification; the
 * signed-in workspace (workspace/).
 */
@Module({
  imports: [OrganizationsModule, PeopleModule, AccountsModule, EventsModule, InvitationsModule, BridgePointsModule, AttendanceModule, TrainingModule, IndicatorsModule],
  controllers: [
    PublicPagesController,
    BridgePagesController,
    TrainingPagesController,
    WorkspaceAuthController,
    DashboardController,
    WorkspaceEventsController,
    WorkspaceParticipantsController,
    WorkspaceTasksController,
    WorkspaceBoardController,
    WorkspaceAttendanceController,
    WorkspaceCheckInController,
    WorkspaceAssetsController,
    AdminController,
    WorkspaceTrainingController,
    IndicatorsPagesController,
  ],
  // One renderer, so each template is compiled once per process.
  providers: [{ provide: ViewRenderer, useValue: new ViewRenderer() }],
})
export class WebModule {}
