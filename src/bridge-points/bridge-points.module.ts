import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { BridgePoint, BridgePointAssignment, BridgePointChange, BridgePointHeadcount, BridgePointHeadcountLine } from './bridge-point.entity';
import { BridgePointsController, CoordinatorController } from './bridge-points.controller';
import { BridgePointsRepository } from './bridge-points.repository';
import { BridgePointsService } from './bridge-points.service';
import { CoordinatorGuard } from './coordinator.guard';
import { CoordinatorMail } from './coordinator-mail';
import { ReadinessAlerts } from './readiness-alerts';

/**
 * Bridge points (điểm cầu) of online and hybrid events: sites with readiness and live status,
 * coordinator links, headcounts, participants' sites in their invitations, clash checks and the
 * T-60 readiness alert. Above invitations: it plugs into events (EventHooks) and invitations
 * (ParticipantSites) at init instead of being called by them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([BridgePoint, BridgePointChange, BridgePointHeadcount, BridgePointHeadcountLine, BridgePointAssignment]), EventsModule, InvitationsModule, OrganizationsModule, PeopleModule],
  controllers: [BridgePointsController, CoordinatorController],
  providers: [BridgePointsRepository, BridgePointsService, ReadinessAlerts, CoordinatorMail, CoordinatorGuard],
  exports: [BridgePointsService, CoordinatorGuard],
})
export class BridgePointsModule {}
