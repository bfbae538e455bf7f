import helmet from 'helmet';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { HttpException, Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import type { AppConfig, RateLimit } from '../../config/env';
import { hookRoutes } from '../http/route-hooks';
import { CommonError } from '../errors/error-codes';

/** How an error is answered outside Nest's pipeline (the exception filter's `catchFastify`: JSON, or a page for page routes). */
export type Respond = (error: Error, request: FastifyRequest, reply: FastifyReply) => void;

/** The API's login and the workspace's sign-in form: one throttle for both (wrong passwords answer 401 on each). */
const LOGIN_ROUTES = ['/api/auth/login', '/login'];
/** POSTs anyone with a link may make: RSVP and nominations (API and page forms), check-in when it comes. */
const PUBLIC_POST = /^\/((api\/)?(rsvp|nominate|check-?in|bridge)\/|forgot-password$|reset-password\/)/;

/**
 * Pages and the API: nothing but their own inline <style> (pages have no script at all), no
 * framing, no form posting elsewhere. The pages keep their own `cache-control: no-store` and
 * `x-robots-tag: noindex`; helmet does not touch those.
 */
const CSP = {
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  // Same-origin requests only (progressive enhancement may post a form with fetch).
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

/**
 * The signed-in workspace (`/app…`): the pages' policy plus scripts of this origin only — the one
 * small script that refreshes live parts (`/assets/workspace-live.js`); still no inline script.
 */
const WORKSPACE_CSP = { ...CSP, scriptSrc: ["'self'"] };

/** Swagger UI (`/api/docs`) loads its own scripts and styles from the same origin and fetches the JSON document. */
const DOCS_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  objectSrc: ["'none'"],
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

type Limiter = (req: FastifyRequest, opts?: { increment?: boolean }) => Promise<{ isAllowed: boolean; remaining?: number; ttlInSeconds?: number; isExceeded?: boolean }>;

/**
 * Security headers (`helmet`, one middleware per policy) and throttles (`@fastify/rate-limit`), registered on the
 * Fastify instance before Nest adds its routes. Counts live in Redis when `REDIS_URL` is set, so
 * every API process shares them; otherwise in this process's memory. A Redis error lets the
 * request through (the limiter fails open) and is logged once.
 *
 * - Login: wrong passwords (401s) are counted per account (the e-mail, hashed) and per client
 *   address; once either reaches its limit, further attempts answer 429 without checking the
 *   password, until the window (counted from the first failure) ends. Successful logins are not
 *   counted, so an office behind one address is not locked out by its own staff. Attempts already
 *   in flight when the limit is reached still complete (a burst of parallel guesses can exceed the
 *   limit by at most the number of concurrent requests).
 * - Public POSTs: every request per client address, refused before its body is read.
 * The client address is the TCP peer's unless `TRUST_PROXY` lists the proxy in front.
 */
export async function registerSecurity(app: NestFastifyApplication, config: AppConfig, respond: Respond): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const log = new Logger('Security');

  // Security headers: helmet's middleware built once per policy, applied in one hook. (@fastify/helmet
  // built a new helmet middleware from its options on every request, in two hooks: a tenth of a
  // check-in's CPU in bench:checkin.)
  const common = { frameguard: { action: 'deny' }, referrerPolicy: { policy: 'no-referrer' }, crossOriginEmbedderPolicy: false } as const;
  const policy = (directives: typeof CSP | typeof DOCS_CSP) => helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives } });
  const pages = policy(CSP);
  const workspace = policy(WORKSPACE_CSP);
  const docs = policy(DOCS_CSP);
  const noop = () => undefined;
  fastify.addHook('onRequest', (request, reply, done) => {
    const url = request.routeOptions.url ?? '';
    const headers = url === '/api/docs' || url.startsWith('/api/docs/') ? docs : url === '/app' || url.startsWith('/app/') ? workspace : pages;
    headers(request.raw, reply.raw, noop);
    done();
  });

  const { loginPerAccount, loginPerAddress, publicPerAddress } = config.rateLimits;
  if (!loginPerAccount && !loginPerAddress && !publicPerAddress) return;
  let redis: Redis | undefined;
  if (config.redisUrl) {
    // Commands wait for a reconnect at most once, then fail (and the limiter lets the request through).
    redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
    let warned = false;
    redis.on('error', (err: Error) => {
      if (!warned) log.warn(`Rate limits not shared while Redis is unreachable: ${err.message}`);
      warned = true;
    });
    redis.on('ready', () => (warned = false));
    fastify.addHook('onClose', async () => void (await redis!.quit().catch(() => redis!.disconnect())));
  }
  await app.register(rateLimit as never, {
    global: false,
    skipOnError: true,
    cache: 10_000,
    ...(redis ? { redis, nameSpace: `${config.queuePrefix}:rate-limit:` } : {}),
  });

  const address = (req: FastifyRequest) => normalizeIP(req.ip);
  const limiter = (limit: RateLimit, key: (req: FastifyRequest) => string): Limiter =>
    (fastify as unknown as { createRateLimit(o: object): Limiter }).createRateLimit({ max: limit.max, timeWindow: limit.windowMs, keyGenerator: key });
  const refuse = (req: FastifyRequest, reply: FastifyReply, seconds: number, message: string) => {
    void reply.header('retry-after', String(Math.max(seconds, 1)));
    respond(new HttpException({ message, code: CommonError.RateLimited }, 429), req, reply);
    return reply;
  };

  const loginLimiters: Limiter[] = [];
  if (loginPerAccount) {
    loginLimiters.push(
      limiter(loginPerAccount, (req) => {
        const email = (req.body as { email?: unknown } | undefined)?.email;
        return `login-account:${sha256(typeof email === 'string' ? email.trim().toLowerCase() : '')}`;
      }),
    );
  }
  if (loginPerAddress) loginLimiters.push(limiter(loginPerAddress, (req) => `login-address:${address(req)}`));
  const publicLimiter = publicPerAddress && limiter(publicPerAddress, (req) => `public:${address(req)}`);

  if (publicLimiter) {
    hookRoutes(fastify, (method, url) => method === 'POST' && PUBLIC_POST.test(url), {
      onRequest: async (req, reply) => {
        const r = await publicLimiter(req);
        if (r.isExceeded) return refuse(req, reply, r.ttlInSeconds ?? 1, 'Too many requests from this address; try again later');
      },
    });
  }
  if (loginLimiters.length === 0) return;
  hookRoutes(fastify, (method, url) => method === 'POST' && LOGIN_ROUTES.includes(url), {
    preHandler: async (req, reply) => {
      for (const check of loginLimiters) {
        const r = await check(req, { increment: false });
        if (!r.isAllowed && r.remaining === 0) return refuse(req, reply, r.ttlInSeconds ?? 1, 'Too many failed logins; try again later');
      }
    },
    onResponse: async (req, reply) => {
      if (reply.statusCode === 401) await Promise.all(loginLimiters.map((count) => count(req)));
    },
  });
}
