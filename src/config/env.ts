import { plainToInstance } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsPort, IsString, IsUrl, Matches, MinLength, validateSync } from 'class-validator';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

const RATE_LIMIT_FORMAT = /^(off|[1-9]\d{0,6}\/[1-9]\d{0,4}[smhd])$/;
const RATE_LIMIT_MESSAGE = 'must be a count per window like 30/15m (s, m, h, d), or off';

/** The process environment as hoinghi reads it. Every variable is listed in `.env.example` and README. */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional() @IsPort({ message: 'must be a port number (0–65535)' })
  PORT?: string;

  @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional() @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional() @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional() @IsEmail({ require_tld: false }, { message: 'must be an e-mail address' })
  MAIL_FROM?: string;

  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  @IsOptional() @IsString() @MinLength(1)
  DATA_DIR?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @Matches(/^\d+(\.\d+)?$/, { message: 'must be a positive number of messages per second' })
  MAIL_RATE_PER_SECOND?: string;

  @IsOptional() @Matches(/^\d+[mhd](,\d+[mhd])*$/, { message: 'must be a comma-separated list of offsets like 1d,1h,30m' })
  REMINDER_OFFSETS?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be 1–64 letters, digits, _ . or -' })
  QUEUE_PREFIX?: string;

  @IsOptional() @IsIn(['true', 'false'], { message: 'must be true or false' })
  RUN_WORKER?: string;

  @IsOptional() @Matches(/^([1-9]|1\d|20)$/, { message: 'must be a whole number from 1 to 20' })
  MAIL_ATTEMPTS?: string;

  @IsOptional() @Matches(/^\d{1,7}$/, { message: 'must be a number of milliseconds' })
  MAIL_BACKOFF_MS?: string;

  @IsOptional() @Matches(/^\d{3,7}$/, { message: 'must be a number of milliseconds (at least 100)' })
  JOB_LOCK_MS?: string;

  @IsOptional() @Matches(/^[1-9]\d{0,4}$/, { message: 'must be a whole number of days (at least 1)' })
  OUTBOX_RETENTION_DAYS?: string;

  @IsOptional() @Matches(/^\d{1,4}$/, { message: 'must be a whole number of days (0 or more)' })
  ATTENDANCE_LOCK_DAYS?: string;

  @IsOptional() @Matches(/^(0|[1-9]\d{1,6})$/, { message: 'must be a number of milliseconds (at least 10; 0 turns the limit off)' })
  DB_STATEMENT_TIMEOUT_MS?: string;

  @IsOptional() @IsString()
  TRUST_PROXY?: string;

  @IsOptional() @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  LOGIN_RATE_LIMIT?: string;

  @IsOptional() @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  LOGIN_ADDRESS_RATE_LIMIT?: string;

  @IsOptional() @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  PUBLIC_RATE_LIMIT?: string;

  @IsOptional() @Matches(/^[1-9]\d{3,8}$/, { message: 'must be a number of bytes (at least 1000)' })
  BODY_LIMIT_BYTES?: string;

  @IsOptional() @Matches(/^([4-9]|[1-9]\d{1,2})$/, { message: 'must be a whole number from 4 to 999' })
  BODY_MAX_DEPTH?: string;

  @IsOptional() @Matches(/^[1-9]\d{0,6}$/, { message: 'must be a whole number (at least 1)' })
  BODY_MAX_ARRAY_ITEMS?: string;

  @IsOptional() @Matches(/^[1-9]\d{3,9}$/, { message: 'must be a number of bytes (at least 1000)' })
  CSV_LIMIT_BYTES?: string;

  @IsOptional() @Matches(/^[1-9]\d{0,7}$/, { message: 'must be a whole number (at least 1)' })
  CSV_MAX_ROWS?: string;

  @IsOptional() @Matches(/^[1-9]\d{2,7}$/, { message: 'must be a number of characters (at least 100)' })
  CSV_MAX_LINE_CHARS?: string;

  @IsOptional() @Matches(/^[1-9]\d{0,3}$/, { message: 'must be a whole number from 1 to 9999' })
  CSV_MAX_COLUMNS?: string;

  @IsOptional() @Matches(/^(0|[1-9]\d{0,2})$/, { message: 'must be a whole number from 0 to 999' })
  CSV_MAX_WAITING?: string;
}

/** What one JSON (or form) request body may be: refused with 400 (413 for bytes) before any DTO work. */
export interface BodyLimits {
  /** Bytes of a JSON or form body (Fastify's bodyLimit). */
  bytes: number;
  /** Nesting of objects and arrays, the body itself being level 1. */
  maxDepth: number;
  /** Items of any one array anywhere in the body (a DTO's own `@ArrayMaxSize` may be lower). */
  maxArrayItems: number;
}

/** What one CSV import may be: refused with 400 (413 for bytes) as soon as a limit is passed. */
export interface CsvLimits {
  bytes: number;
  /** Data rows (the header not counted). */
  maxRows: number;
  /** Characters of one record (a line, or several when a quoted field spans lines). */
  maxLineChars: number;
  /** Fields of one record, the header included. */
  maxColumns: number;
  /**
   * Imports that may wait for a worker thread while every thread is busy (each holding its file,
   * up to `bytes`); one more is answered 503 with Retry-After (csv-workers.ts). 0: none waits.
   */
  maxWaiting: number;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  databaseUrl?: string;
  redisUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  publicBaseUrl: string;
  dataDir: string;
  jwtSecret: string;
  logLevel: string;
  /** Demo accounts and demo data are only ever created when this is true. */
  demoMode: boolean;
  /** Outgoing mail rate across all workers (BullMQ limiter; a token bucket inline). */
  mailRatePerSecond: number;
  /** Minutes before the first session at which accepted and tentative participants are reminded. */
  reminderOffsetsMinutes: number[];
  /** BullMQ key prefix: several deployments (or test databases) can share one Redis. */
  queuePrefix: string;
  /** Whether the API process also runs the job worker (default true; `npm run start:worker` scales it out). */
  runWorker: boolean;
  /** Delivery attempts per message, and the first retry's delay (doubling after each failure). */
  mailAttempts: number;
  mailBackoffMs: number;
  /** BullMQ lock duration and stalled-job check interval: how soon a job whose worker died runs again (default 30 s). */
  jobLockMs: number;
  /** Done and cancelled outbox rows are deleted after this many days (failed ones stay). */
  outboxRetentionDays: number;
  /** Attendance locks this many days after a completed event ends; later corrections are admin-only and audited. */
  attendanceLockDays: number;
  /** Longest time one SQL statement of the app may run (PostgreSQL `statement_timeout`); 0 = no limit. */
  statementTimeoutMs: number;
  bodyLimits: BodyLimits;
  csvLimits: CsvLimits;
  /**
   * The proxies whose `X-Forwarded-For` is believed (addresses, CIDR ranges, or `loopback`,
   * `linklocal`, `uniquelocal`); false (the default): the client address is the TCP peer's.
   */
  trustProxy: false | string[];
  /** Throttles (null: off). Login ones count wrong passwords; the public one every POST. See security.ts. */
  rateLimits: { loginPerAccount: RateLimit | null; loginPerAddress: RateLimit | null; publicPerAddress: RateLimit | null };
}

/** At most `max` within `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30/15m` → { max: 30, windowMs: 900000 }; `off` → null. */
export function parseRateLimit(spec: string): RateLimit | null {
  if (spec === 'off') return null;
  const [max, window] = spec.split('/');
  return { max: Number(max), windowMs: Number(window.slice(0, -1)) * UNIT_MS[window.slice(-1) as keyof typeof UNIT_MS] };
}

const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

/** `TRUST_PROXY`: unset or `false` → false; a comma-separated list of addresses, CIDR ranges or presets. */
export function parseTrustProxy(spec: string | undefined): false | string[] {
  if (spec === undefined || spec === 'false') return false;
  const items = spec.split(',').map((s) => s.trim());
  for (const item of items) {
    const [address, bits, ...rest] = item.split('/');
    const max = isIP(address) === 4 ? 32 : 128;
    const ok = PROXY_PRESETS.includes(item) || (isIP(address) !== 0 && rest.length === 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max)));
    if (!ok) throw new ConfigError('TRUST_PROXY', `must be false or a comma-separated list of proxy addresses, CIDR ranges, loopback, linklocal or uniquelocal (not "${item}")`);
  }
  return items;
}

const UNIT_MINUTES = { m: 1, h: 60, d: 1440 } as const;

/** `1d,1h` → [1440, 60] (distinct, largest first). */
export function parseOffsets(spec: string): number[] {
  const minutes = spec.split(',').map((part) => Number(part.slice(0, -1)) * UNIT_MINUTES[part.slice(-1) as keyof typeof UNIT_MINUTES]);
  return [...new Set(minutes.filter((m) => m > 0))].sort((a, b) => b - a);
}

/** A configuration problem: one variable and the reason. main.ts prints it and exits 1. */
export class ConfigError extends Error {
  constructor(readonly variable: string, readonly reason: string) {
    super(`${variable} ${reason}`);
  }
}

/** Reads, validates and completes the configuration. The only place that reads process.env. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const vars = plainToInstance(EnvironmentVariables, raw, { excludeExtraneousValues: false });
  const errors = validateSync(vars, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const first = errors[0];
    const reason = Object.values(first.constraints ?? { invalid: 'is invalid' })[0];
    throw new ConfigError(first.property, reason.replace(new RegExp(`^${first.property} `), ''));
  }
  const env = (vars.NODE_ENV ?? 'development') as AppConfig['env'];
  const port = vars.PORT ? Number(vars.PORT) : 3000;
  const dataDir = resolve(vars.DATA_DIR ?? '.data');
  let jwtSecret = vars.JWT_SECRET;
  if (!jwtSecret) {
    if (env === 'production') throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
    jwtSecret = readOrCreateSecret(dataDir);
  }
  return {
    env,
    port,
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    smtpUrl: vars.SMTP_URL,
    mailFrom: vars.MAIL_FROM ?? 'hoinghi@localhost',
    publicBaseUrl: (vars.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir,
    jwtSecret,
    logLevel: vars.LOG_LEVEL ?? (env === 'test' ? 'silent' : 'info'),
    demoMode: env !== 'production' && !vars.DATABASE_URL,
    mailRatePerSecond: vars.MAIL_RATE_PER_SECOND ? Math.max(Number(vars.MAIL_RATE_PER_SECOND), 0.1) : 50,
    reminderOffsetsMinutes: parseOffsets(vars.REMINDER_OFFSETS ?? '1d,1h'),
    queuePrefix: vars.QUEUE_PREFIX ?? 'hoinghi',
    runWorker: vars.RUN_WORKER !== 'false',
    mailAttempts: vars.MAIL_ATTEMPTS ? Number(vars.MAIL_ATTEMPTS) : 5,
    mailBackoffMs: vars.MAIL_BACKOFF_MS ? Number(vars.MAIL_BACKOFF_MS) : 2000,
    jobLockMs: vars.JOB_LOCK_MS ? Math.max(Number(vars.JOB_LOCK_MS), 500) : 30_000,
    outboxRetentionDays: vars.OUTBOX_RETENTION_DAYS ? Number(vars.OUTBOX_RETENTION_DAYS) : 30,
    attendanceLockDays: vars.ATTENDANCE_LOCK_DAYS ? Number(vars.ATTENDANCE_LOCK_DAYS) : 7,
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    rateLimits: {
      loginPerAccount: parseRateLimit(vars.LOGIN_RATE_LIMIT ?? '30/15m'),
      loginPerAddress: parseRateLimit(vars.LOGIN_ADDRESS_RATE_LIMIT ?? '30/15m'),
      publicPerAddress: parseRateLimit(vars.PUBLIC_RATE_LIMIT ?? '60/1m'),
    },
    bodyLimits: {
      bytes: vars.BODY_LIMIT_BYTES ? Number(vars.BODY_LIMIT_BYTES) : 1024 * 1024,
      maxDepth: vars.BODY_MAX_DEPTH ? Number(vars.BODY_MAX_DEPTH) : 32,
      maxArrayItems: vars.BODY_MAX_ARRAY_ITEMS ? Number(vars.BODY_MAX_ARRAY_ITEMS) : 20_000,
    },
    csvLimits: {
      bytes: vars.CSV_LIMIT_BYTES ? Number(vars.CSV_LIMIT_BYTES) : 20 * 1024 * 1024,
      maxRows: vars.CSV_MAX_ROWS ? Number(vars.CSV_MAX_ROWS) : 100_000,
      maxLineChars: vars.CSV_MAX_LINE_CHARS ? Number(vars.CSV_MAX_LINE_CHARS) : 10_000,
      maxColumns: vars.CSV_MAX_COLUMNS ? Number(vars.CSV_MAX_COLUMNS) : 50,
      maxWaiting: vars.CSV_MAX_WAITING ? Number(vars.CSV_MAX_WAITING) : 4,
    },
    statementTimeoutMs: vars.DB_STATEMENT_TIMEOUT_MS ? Number(vars.DB_STATEMENT_TIMEOUT_MS) : 10_000,
  };
}

function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
