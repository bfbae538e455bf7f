/**
 * Machine-readable error codes. Every error body carries one in `code`; clients and pages
 * branch on it, never on `message` (which is for people and may be reworded).
 *
 * Naming: `<namespace>.<reason>`, lower-case snake_case on both sides of exactly one dot.
 * - A business module's codes use the module's name as namespace (`organizations.code_taken`,
 *   `events.venue_booked`) and live in its `<module>.errors.ts` (a string enum `<Module>Error`
 *   beside its `<MODULE>_CONSTRAINTS` map).
 * - The generic codes below are what the exception filter answers when the thrower named no
 *   code; their namespaces (`request`, `validation`, `auth`, `http`, `db`, `server`) are reserved.
 */
export type ErrorCode = `${string}.${string}`;

/** Generic codes, derived by the filter from the status or the source of the error. */
export enum CommonError {
  /** 400: a DTO, query string or path parameter failed validation; `details` names every field. */
  ValidationFailed = 'validation.failed',
  /** 400: the body could not be parsed (malformed JSON, not UTF-8, not CSV) or Fastify refused the request. */
  RequestMalformed = 'request.malformed',
  /** 400 (or another 4xx with no more specific code): the request is wrong in some other way. */
  RequestInvalid = 'request.invalid',
  /** 413: the body is larger than allowed. */
  RequestTooLarge = 'request.too_large',
  /** 400: the body nests objects or arrays deeper than BODY_MAX_DEPTH; refused before any DTO work. */
  RequestTooDeep = 'request.too_deep',
  /** 400: an array of the body has more items than its field allows (`@ArrayMaxSize`) or BODY_MAX_ARRAY_ITEMS; refused before its items are validated. */
  ArrayTooLong = 'request.array_too_long',
  /** 400: a CSV file passes a limit (rows, characters of a line, columns); refused as soon as it is seen. */
  CsvTooLarge = 'request.csv_too_large',
  /** 415: no parser for the Content-Type. */
  UnsupportedMediaType = 'request.unsupported_media_type',
  /** 405: the route exists but not with this method. */
  MethodNotAllowed = 'request.method_not_allowed',
  /** 429: too many requests. */
  RateLimited = 'request.rate_limited',
  /** 401: no, an invalid or an expired token, or the account is gone or deactivated. */
  Unauthorized = 'auth.unauthorized',
  /** 403: outside the caller's role or organization scope. */
  Forbidden = 'auth.forbidden',
  /** 404 without a module code (unknown route, an entity a module did not name). */
  NotFound = 'http.not_found',
  /** 409 without a module code. */
  Conflict = 'http.conflict',
  /** 409: a unique constraint the modules did not name. */
  UniqueViolation = 'db.unique_violation',
  /**
   * 409: a foreign key (insert of a dangling reference, or delete of something still referenced).
   * One code whether PostgreSQL says 23503 or 23001: a RESTRICT key refusing a delete is 23001 on
   * PostgreSQL 18 (the embedded server) and 23503 on 15 — a client cannot and need not tell them apart.
   */
  ForeignKeyViolation = 'db.foreign_key_violation',
  /** 400: a check constraint. */
  CheckViolation = 'db.check_violation',
  /** 400: a NOT NULL column got no value. */
  NotNullViolation = 'db.not_null_violation',
  /** 400: a value PostgreSQL cannot read (malformed uuid, number, date) or store (too long, out of range, NUL byte). */
  InvalidValue = 'db.invalid_value',
  /** 500: our bug; logged with its stack, never caused by client input. */
  Internal = 'server.internal',
  /** 503: a dependency (PostgreSQL, Redis) is down. */
  Unavailable = 'server.unavailable',
  /** 503 with Retry-After: every CSV/XLSX import thread is busy and CSV_MAX_WAITING imports already wait for one. */
  ImportsBusy = 'server.imports_busy',
}

/** The namespaces of the generic codes; no module may use them. */
export const RESERVED_NAMESPACES = ['request', 'validation', 'auth', 'http', 'db', 'server'] as const;

/** A database constraint's meaning for the client: the field it protects, a message, and (optionally) a module code. */
export interface ConstraintInfo {
  field: string;
  message: string;
  /** Omitted: the generic `db.*` code of the violation (e.g. `db.foreign_key_violation`). */
  code?: ErrorCode;
}

/** Constraint name (as PostgreSQL reports it) → its meaning. Each module exports one; bootstrap merges them. */
export type ConstraintMap = Readonly<Record<string, ConstraintInfo>>;

/** Merges modules' constraint maps; a constraint named twice is a programming error and fails boot. */
export function mergeConstraintMaps(...maps: ConstraintMap[]): ConstraintMap {
  const merged: Record<string, ConstraintInfo> = {};
  for (const map of maps) {
    for (const [name, info] of Object.entries(map)) {
      if (name in merged) throw new Error(`Constraint ${name} is described twice`);
      merged[name] = info;
    }
  }
  return Object.freeze(merged);
}
