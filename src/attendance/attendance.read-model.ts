/**
 * The attendance module's read model for other modules' SQL (training's completion): each recorded
 * row's session, participant and status. Others join this, never `attendance_records`.
 */
export const ATTENDANCE_MARKS_SQL = '(SELECT event_id, session_id, participant_id, status FROM attendance_records)';
