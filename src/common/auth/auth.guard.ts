import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { forbidden } from '../errors/api-error';
import { CALLER_IN_QUERY, IS_PUBLIC, ROLES_KEY } from './decorators';
import { type Principal, PRINCIPAL_LOADER, type PrincipalLoader, REVOKED_MESSAGE, type Role, ROLES } from './principal';

/** What a token says: the user and its version; since this version also role, scope and e-mail as of login (valid while the version is). */
interface Claims {
  sub: string;
  ver?: number;
  exp?: unknown;
  rol?: string;
  scp?: string | null;
  eml?: string;
}

const VERIFIED_TOKENS = 2000;
const verifiedTokens = new WeakMap<JwtService, Map<string, Claims>>();

/**
 * The claims of a token signed with `jwt`'s key, or null (forged, expired, no `exp`). A token's
 * signature is checked once: its claims are kept (the last VERIFIED_TOKENS tokens, per key), and
 * only the expiry is checked again — jsonwebtoken's verify was a twentieth of a list request's CPU.
 */
export async function verifiedClaims(jwt: JwtService, token: string): Promise<Claims | null> {
  let cache = verifiedTokens.get(jwt);
  if (!cache) verifiedTokens.set(jwt, (cache = new Map()));
  let claims = cache.get(token);
  if (!claims) {
    try {
      claims = await jwt.verifyAsync<Claims>(token);
    } catch {
      return null;
    }
    // jsonwebtoken checks `exp` only when present: a token without one would never expire.
    if (typeof claims.exp !== 'number') return null;
    if (cache.size >= VERIFIED_TOKENS) cache.delete(cache.keys().next().value!);
    cache.set(token, claims);
  }
  // As jsonwebtoken decides it: expired from the second `exp` names.
  if (Math.floor(Date.now() / 1000) >= (claims.exp as number)) {
    cache.delete(token);
    return null;
  }
  return claims;
}

/**
 * The user a token names, as of now: null when the token is forged, expired, has no `exp`, or its
 * user is deactivated or at another version (password changed, role or scope changed). The one
 * check of a login token — the bearer header here, the workspace's session cookie in web/.
 */
export async function principalOfToken(jwt: JwtService, principals: PrincipalLoader, token: string): Promise<Principal | null> {
  const claims = await verifiedClaims(jwt, token);
  return claims && principals.load(claims.sub, claims.ver ?? -1);
}

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(). The token only
 * names the user; role and scope are read fresh from the database on each request (one primary-key
 * lookup), so deactivating a user or changing a role takes effect immediately — on routes marked
 * `@CallerCheckedInQuery()` in the route's own statement instead (see `Principal.pending`).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(PRINCIPAL_LOADER) private readonly principals: PrincipalLoader,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers?.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new UnauthorizedException('Missing bearer token');
    const claims = await verifiedClaims(this.jwt, token);
    if (!claims) throw new UnauthorizedException('Invalid or expired token');
    const version = claims.ver ?? -1;
    const inQuery = this.reflector.getAllAndOverride<boolean>(CALLER_IN_QUERY, targets) && (ROLES as readonly string[]).includes(claims.rol ?? '') && typeof claims.eml === 'string';
    const principal: Principal | null = inQuery
      ? { userId: claims.sub, email: claims.eml!, role: claims.rol as Role, scopeOrganizationId: claims.scp ?? null, pending: { version, condition: this.principals.checkCondition(claims.sub, version), verified: false } }
      : await this.principals.load(claims.sub, version);
    if (!principal) throw new UnauthorizedException(REVOKED_MESSAGE);
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw forbidden(`Requires role ${roles.join(' or ')}`);
    return true;
  }
}
