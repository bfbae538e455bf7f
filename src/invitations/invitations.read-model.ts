import { ACTIVE_STATUSES, statusIn } from './participants/participant-lifecycle';

/**
 * The invitations module's read model for other modules' SQL: participants as others may read them.
 * Other modules join this, never the `participants` table (checked by src/module-sql-boundaries.spec.ts).
 * `active`: still part of the invitation (participant-lifecycle's ACTIVE_STATUSES).
 */
export const PARTICIPANTS_SQL = `(SELECT id, event_id, kind, person_id, organization_id, role, status, ${statusIn(ACTIVE_STATUSES)} AS active FROM participants)`;
