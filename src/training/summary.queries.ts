import { EVENT_VERSIONS_SQL } from '../events/events.read-model';
import { ORGANIZATION_HEADCOUNTS_SQL, ORGANIZATION_PROFILES_SQL } from '../organizations/organizations.read-model';

/**
 * The trainee counts, as SQL (one statement per figure set, no loops over loaded rows). Every count
 * comes twice: lượt (enrolments) and người (distinct persons) — one person in three classes is 3 and 1.
 * "Enrolled" is every seat (enrolled, completed, incomplete); "attended" came to at least one session.
 * The headcount of an agency is that of the period's year (or the latest year before it): editing
 * this year's figure never changes a past period's share.
 *
 * $1 program id (or null), $2 year (or null: classes of any year), $3 organization path prefix (or null), $4 now.
 */
const SCOPE = `FROM training_enrollments e
   JOIN training_classes c ON c.event_id = e.class_event_id
   JOIN ${EVENT_VERSIONS_SQL} ev ON ev.id = e.class_event_id
   JOIN ${ORGANIZATION_PROFILES_SQL} o ON o.id = e.organization_id
  WHERE ($1::uuid IS NULL OR e.program_id = $1) AND ($2::int IS NULL OR extract(year FROM ev.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = $2)
    AND ($3::text IS NULL OR o.path LIKE $3 || '%') AND ev.status <> 'cancelled'`;

const COUNTS = `count(*) FILTER (WHERE e.status IN ('enrolled','completed','incomplete'))::int AS "enrolledLuot",
  count(DISTINCT e.person_id) FILTER (WHERE e.status IN ('enrolled','completed','incomplete'))::int AS "enrolledNguoi",
  count(*) FILTER (WHERE e.status IN ('enrolled','completed','incomplete') AND e.sessions_attended > 0)::int AS "attendedLuot",
  count(DISTINCT e.person_id) FILTER (WHERE e.status IN ('enrolled','completed','incomplete') AND e.sessions_attended > 0)::int AS "attendedNguoi",
  count(*) FILTER (WHERE e.status = 'completed')::int AS "completedLuot",
  count(DISTINCT e.person_id) FILTER (WHERE e.status = 'completed')::int AS "completedNguoi",
  count(*) FILTER (WHERE e.status = 'waitlisted')::int AS waitlisted,
  count(*) FILTER (WHERE e.status = 'withdrawn')::int AS withdrawn`;

export const TOTALS_SQL = `SELECT ${COUNTS} ${SCOPE}`;

/** Per agency, with the headcount of the period's year (latest year ≤ it) and the share of it trained (người ÷ headcount). */
export const BY_ORGANIZATION_SQL = `WITH per AS (SELECT e.organization_id, ${COUNTS} ${SCOPE} GROUP BY e.organization_id)
  SELECT per.organization_id AS "organizationId", o.name AS "organizationName", o.level, per."enrolledLuot", per."enrolledNguoi", per."attendedLuot", per."attendedNguoi",
         per."completedLuot", per."completedNguoi", hc.year AS "headcountYear", hc.officials AS headcount,
         CASE WHEN hc.officials > 0 THEN round(per."enrolledNguoi"::numeric / hc.officials, 3)::float8 END AS "shareTrained"
    FROM per JOIN ${ORGANIZATION_PROFILES_SQL} o ON o.id = per.organization_id
    LEFT JOIN LATERAL (SELECT h.year, h.officials FROM ${ORGANIZATION_HEADCOUNTS_SQL} h
                        WHERE h.organization_id = per.organization_id AND h.year <= $4::int ORDER BY h.year DESC LIMIT 1) hc ON true
   ORDER BY o.name`;

export const BY_LEVEL_SQL = `SELECT o.level, ${COUNTS} ${SCOPE} GROUP BY o.level ORDER BY o.level`;

/** Classes planned (not cancelled) and held (completed, or past their end). */
export const CLASSES_SQL = `SELECT count(*)::int AS planned,
         count(*) FILTER (WHERE ev.status = 'completed' OR (ev.status <> 'draft' AND ev.ends_at <= $4::timestamptz))::int AS held
    FROM training_classes c JOIN ${EVENT_VERSIONS_SQL} ev ON ev.id = c.event_id
   WHERE ($1::uuid IS NULL OR c.program_id = $1) AND ($2::int IS NULL OR extract(year FROM ev.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = $2)
     AND ev.status <> 'cancelled'
     AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM training_enrollments e JOIN ${ORGANIZATION_PROFILES_SQL} o ON o.id = e.organization_id
                                       WHERE e.class_event_id = c.event_id AND o.path LIKE $3 || '%'))`;

export const BY_PROGRAM_SQL = `SELECT e.program_id AS "programId", p.name AS "programName", p.code, ${COUNTS} ${SCOPE.replace('FROM training_enrollments e', 'FROM training_enrollments e JOIN training_programs p ON p.id = e.program_id')} GROUP BY e.program_id, p.name, p.code ORDER BY p.name`;
