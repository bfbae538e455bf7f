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
import { WorkspaceController } from './workspace/workspace.controller';
import { WorkspaceTrainingController } from './workspace/training.controller';

/**
 * Server-rendered pages, one folder per audience: the officials' RSVP, nomination and check-in pages, the
 * bridge-point coordinator's page, the trainer's roster, certificates and their verification; the
 * signed-in workspace (workspace/).
 */
@Module({
  imports: [OrganizationsModule, PeopleModule, AccountsModule, EventsModule, InvitationsModule, BridgePointsModule, AttendanceModule, TrainingModule],
  controllers: [PublicPagesController, BridgePagesController, TrainingPagesController, WorkspaceAuthController, WorkspaceController, WorkspaceAssetsController, AdminController, WorkspaceTrainingController],
  // One renderer, so each template is compiled once per process.
  providers: [{ provide: ViewRenderer, useValue: new ViewRenderer() }],
})
export class WebModule {}
