import { Module } from '@nestjs/common';
import { BridgePointsModule } from '../bridge-points/bridge-points.module';
import { EventsModule } from '../events/events.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { AttendanceHooks } from './attendance-hooks';
import { AttendanceController } from './attendance.controller';
import { AttendanceRepository } from './attendance.repository';
import { BridgePointsAttendance } from './bridge-points.adapter';
import { CheckInController } from './checkin.controller';
import { CheckInService } from './checkin.service';
import { RosterService } from './roster.service';
import { ATTENDANCE_POINTS } from './points.seam';
import { SummaryService } from './summary.service';

/**
 * Attendance (điểm danh, issue 16 items 7–15): rows per session × participant, check-in by QR and by
 * the hall code, the refusal log, walk-ins, summaries, exports and the lock. Bridge points come in
 * through ATTENDANCE_POINTS (points.seam.ts, provided by bridge-points.adapter.ts): per-point
 * summaries, coordinators scanning their own point's QR codes, and names ticked in a headcount.
 */
@Module({
  imports: [EventsModule, InvitationsModule, BridgePointsModule, PeopleModule, OrganizationsModule],
  controllers: [AttendanceController, CheckInController],
  providers: [AttendanceHooks, AttendanceRepository, CheckInService, RosterService, SummaryService, BridgePointsAttendance, { provide: ATTENDANCE_POINTS, useExisting: BridgePointsAttendance }],
  exports: [AttendanceHooks, CheckInService, RosterService, SummaryService],
})
export class AttendanceModule {}
