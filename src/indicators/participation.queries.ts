import { ATTENDANCE_MARKS_SQL } from '../attendance/attendance.read-model';
import { EVENT_VERSIONS_SQL } from '../events/events.read-model';
import { PARTICIPANTS_SQL } from '../invitations/invitations.read-model';
import { ORGANIZATION_HEADCOUNTS_SQL, ORGANIZATION_KINDS_SQL } from '../organizations/organizations.read-model';
import { PERSON_PROFILES_SQL } from '../people/people.read-model';
import { TRAINING_CERTIFICATES_SQL, TRAINING_ENROLLMENTS_SQL } from '../training/training.read-model';

/**
 * The agencies ranked under a root organization: its direct children that are departments or districts.
 * $1 the root's path.
 */
export const AGENCIES_SQL = `SELECT o.id AS "organizationId", o.name, o.kind AS "group"
    FROM ${ORGANIZATION_KINDS_SQL} o
   WHERE o.path ~ ('^' || $1::text || '[0-9a-f-]{36}/$') AND o.kind IN ('department','district')
   ORDER BY o.name`;

/**
 * The participation figures of each agency in a year, counted over the agency and everything below it
 * (a district's communes count for the district), in one statement over the other modules' read models:
 *
 * - `invitations_answered`: of the invitations sent (invited, accepted, declined, tentative, delegated) to
 *   the agency or its officials for events starting that year, the share with a firm answer (accepted,
 *   declined, delegated), in percent;
 * - `attendance_rate`: of the agency's officials with an active invitation (attendance is expected of
 *   them), the share marked present or late at a session at least once, in percent;
 * - `headcount_trained`: officials who completed a class of that year (người, each counted once) ÷ the
 *   agency's headcount of that year (or the latest year before it), in percent;
 * - `certificates_issued`: certificates issued that year to the agency's officials and not revoked.
 *
 * Cancelled events count for nothing. A share with nothing to divide by is null (not applicable).
 * $1 the root's path, $2 the year.
 */
export const PARTICIPATION_SQL = `WITH agencies AS (
    SELECT o.id, o.path FROM ${ORGANIZATION_KINDS_SQL} o
     WHERE o.path ~ ('^' || $1::text || '[0-9a-f-]{36}/$') AND o.kind IN ('department','district')),
  ev AS (SELECT id FROM ${EVENT_VERSIONS_SQL} e
          WHERE e.status <> 'cancelled' AND extract(year FROM e.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = $2::int),
  inv AS (
    SELECT a.id AS agency, p.id, p.kind, p.status, p.active
      FROM ${PARTICIPANTS_SQL} p
      JOIN ev ON ev.id = p.event_id
      LEFT JOIN ${PERSON_PROFILES_SQL} pe ON pe.id = p.person_id
      JOIN ${ORGANIZATION_KINDS_SQL} o ON o.id = coalesce(p.organization_id, pe.organization_id)
      JOIN agencies a ON o.path LIKE a.path || '%'),
  answered AS (
    SELECT agency, count(*) FILTER (WHERE status IN ('invited','accepted','declined','tentative','delegated'))::int AS sent,
           count(*) FILTER (WHERE status IN ('accepted','declined','delegated'))::int AS answered
      FROM inv GROUP BY agency),
  attended AS (
    SELECT agency, count(*)::int AS expected,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${ATTENDANCE_MARKS_SQL} m WHERE m.participant_id = inv.id AND m.status IN ('present','late')))::int AS came
      FROM inv WHERE kind = 'person' AND active GROUP BY agency),
  trained AS (
    SELECT a.id AS agency, count(DISTINCT e.person_id) FILTER (WHERE e.status = 'completed')::int AS people,
           count(c.id) FILTER (WHERE c.revoked_at IS NULL AND extract(year FROM c.issued_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = $2::int)::int AS certificates
      FROM ${TRAINING_ENROLLMENTS_SQL} e
      JOIN ev ON ev.id = e.class_event_id
      JOIN ${ORGANIZATION_KINDS_SQL} o ON o.id = e.organization_id
      JOIN agencies a ON o.path LIKE a.path || '%'
      LEFT JOIN ${TRAINING_CERTIFICATES_SQL} c ON c.enrollment_id = e.id
     GROUP BY a.id)
  SELECT a.id AS "organizationId",
         CASE WHEN an.sent > 0 THEN round(100.0 * an.answered / an.sent, 2)::float8 END AS invitations_answered,
         CASE WHEN at.expected > 0 THEN round(100.0 * at.came / at.expected, 2)::float8 END AS attendance_rate,
         CASE WHEN hc.officials > 0 THEN round(100.0 * coalesce(tr.people, 0) / hc.officials, 2)::float8 END AS headcount_trained,
         coalesce(tr.certificates, 0)::float8 AS certificates_issued,
         hc.officials AS headcount
    FROM agencies a
    LEFT JOIN answered an ON an.agency = a.id
    LEFT JOIN attended at ON at.agency = a.id
    LEFT JOIN trained tr ON tr.agency = a.id
    LEFT JOIN LATERAL (SELECT h.officials FROM ${ORGANIZATION_HEADCOUNTS_SQL} h
                        WHERE h.organization_id = a.id AND h.year <= $2::int ORDER BY h.year DESC LIMIT 1) hc ON true`;
