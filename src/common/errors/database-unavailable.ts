/** Seconds a client is asked to wait (Retry-After) when the database is unreachable or too slow. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** SQLSTATEs that mean "the database cannot serve this now", not "this request is wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57014', // query_canceled: statement_timeout fired
  '57P01', // admin_shutdown (server stopping, or the backend terminated)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '53300', // too_many_connections
  '55P03', // lock_not_available (lock_timeout)
]);

/** Socket errors of a connection to a server that is gone, and node-postgres's own messages for them. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error|Connection is closed|DataSource is not initialized|Driver not Connected/i;

/**
 * Whether an error means the database is unreachable, restarting, refusing connections or cancelled a
 * statement for taking too long: answered 503 with Retry-After, never 500. Looks through TypeORM's
 * `QueryFailedError.driverError`, `cause` chains and AggregateError (a refused connection to 127.0.0.1 and ::1).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_ERRNO.has(e.code) || e.code.startsWith('08'))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
