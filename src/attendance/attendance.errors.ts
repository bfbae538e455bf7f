import type { ConstraintMap } from '../common/errors/error-codes';

/**
 * Codes of the attendance module's errors. The seven check-in refusals (issue 16 item 11) are
 * `attendance.<reason>`: pages word each in Vietnamese, and every one is also logged in
 * attendance_refusals for the organizer.
 */
export enum AttendanceError {
  /** 403: the link's participant is not (or no longer) invited to this event, or is an agency. */
  NotInvited = 'attendance.not_invited',
  /** 409: the session asked for is not a session of the participant's event (or the scan is for another event). */
  WrongSession = 'attendance.wrong_session',
  /** 409: no session's check-in window is open now (not opened by the organizer, too early or too late). */
  OutsideWindow = 'attendance.outside_window',
  /** 409: this participant is already checked in for the session; `details` gives the original time. */
  AlreadyCheckedIn = 'attendance.already_checked_in',
  /** 410: the link's event has ended or was cancelled. */
  TokenExpired = 'attendance.token_expired',
  /** 400: the hall code is wrong (or more than one interval old). */
  BadCode = 'attendance.bad_code',
  /** 429: too many wrong codes from this participant; try again in a few minutes. */
  Throttled = 'attendance.throttled',
  /** 409: attendance of this event is locked (days after it completed); only an admin may correct it. */
  Locked = 'attendance.locked',
  /** 404: no such session of the event. */
  SessionNotFound = 'attendance.session_not_found',
  /** 400: roster entries that name no participant of the event, or an impossible substitute. */
  InvalidRecords = 'attendance.invalid_records',
  /** 409: the event is cancelled or not yet published: nothing to attend. */
  EventNotOpen = 'attendance.event_not_open',
}

export const ATTENDANCE_CONSTRAINTS: ConstraintMap = {
  // Replacing the sessions of an event after attendance was taken (EventsService.update deletes and re-inserts them).
  attendance_records_session_id_fkey: { field: 'sessions', message: 'Attendance is recorded for a session this change would remove' },
  attendance_records_participant_fkey: { field: 'participantId', message: 'Not a participant of this event' },
  attendance_records_substitute_fkey: { field: 'substituteParticipantId', message: 'Not a participant of this event' },
  attendance_records_substitute_check: { field: 'substituteParticipantId', message: 'is required exactly when the status is substitute' },
};
