/**
 * The invitations module's read model for other modules' SQL (attendance): who takes part in which
 * event, as what and in which status. Other modules join this, never the `participants` table
 * (checked by src/module-sql-boundaries.spec.ts); the status rules are participant-lifecycle.ts's.
 */
export const PARTICIPANT_ATTENDEES_SQL =
  '(SELECT id, event_id, kind, person_id, organization_id, role, status, delegated_from_id, nominated_by_id FROM participants)';

/** The participant roles, for other modules' inputs (attendance's walk-ins) without importing the entity. */
export { PARTICIPANT_ROLES, type ParticipantRole } from './participants/participant.entity';
