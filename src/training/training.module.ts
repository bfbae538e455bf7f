import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { EventsModule } from '../events/events.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { TrainerRosterService } from './trainer-roster.service';
import { EnrollmentsController, TrainingController } from './training.controller';
import { TrainingRepository } from './training.repository';
import { TrainingSummaryService } from './training-summary.service';
import { TrainingService } from './training.service';

/**
 * Tập huấn (issue 17): programs, classes (training_class events), enrolment, the trainer's roster,
 * completion on save (registered on AttendanceHooks), certificates, counts in lượt and người.
 */
@Module({
  imports: [EventsModule, InvitationsModule, PeopleModule, OrganizationsModule, AttendanceModule],
  controllers: [TrainingController, EnrollmentsController],
  providers: [TrainingRepository, TrainingService, TrainingSummaryService, TrainerRosterService],
  exports: [TrainingService, TrainingSummaryService, TrainerRosterService],
})
export class TrainingModule {}
