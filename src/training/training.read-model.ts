/**
 * The training module's read model for other modules' SQL (indicators' participation figures): who
 * was enrolled in which class for which agency and in what state, and the certificates issued. Other
 * modules join these, never `training_enrollments` or `training_certificates` (src/module-sql-boundaries.spec.ts).
 */
export const TRAINING_ENROLLMENTS_SQL = '(SELECT id, class_event_id, person_id, organization_id, status FROM training_enrollments)';

export const TRAINING_CERTIFICATES_SQL = '(SELECT id, enrollment_id, issued_at, revoked_at FROM training_certificates)';
