import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { AttendanceHooks } from './attendance-hooks';
import { AttendanceController } from './attendance.controller';
import { AttendanceRepository } from './attendance.repository';
import { CheckInController } from './checkin.controller';
import { CheckInService } from './checkin.service';
import { RosterService } from './roster.service';
import { SummaryService } from './summary.service';

/**
 * Attendance (điểm danh, issue 16 items 7–15): rows per session × participant, check-in by QR and by
 * the hall code, the refusal log, walk-ins, summaries, exports and the lock. Bridge points plug in
 * through ATTENDANCE_POINTS (points.seam.ts).
 */
@Module({
  imports: [EventsModule, InvitationsModule, PeopleModule, OrganizationsModule],
  controllers: [AttendanceController, CheckInController],
  providers: [AttendanceHooks, AttendanceRepository, CheckInService, RosterService, SummaryService],
  exports: [AttendanceHooks, CheckInService, RosterService, SummaryService],
})
export class AttendanceModule {}
