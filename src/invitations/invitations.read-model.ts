import { ACTIVE_STATUSES, statusIn } from './participants/participant-lifecycle';

/**
 * The invitations module's read model for other modules' SQL (bridge points, attendance): who takes
 * part in which event, as what and in which status; `active` is participant-lifecycle's
 * ACTIVE_STATUSES. Other modules join this, never the `participants` table (checked by
 * src/module-sql-boundaries.spec.ts).
 */
export const PARTICIPANTS_SQL = `(SELECT id, event_id, kind, person_id, organization_id, role, status, delegated_from_id, nominated_by_id, ${statusIn(ACTIVE_STATUSES)} AS active FROM participants)`;

/** The participant roles, for other modules' inputs (attendance's walk-ins) without importing the entity. */
export { PARTICIPANT_ROLES, type ParticipantRole } from './participants/participant.entity';
