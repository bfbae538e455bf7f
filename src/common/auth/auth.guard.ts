import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { forbidden } from '../errors/api-error';
import { IS_PUBLIC, ROLES_KEY } from './decorators';
import { PRINCIPAL_LOADER, type PrincipalLoader, type Role } from './principal';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(). The token only
 * names the user; role and scope are read fresh from the database on each request (one primary-key
 * lookup), so deactivating a user or changing a role takes effect immediately.
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
    let claims: { sub: string; ver?: number; exp?: unknown };
    try {
      claims = await this.jwt.verifyAsync<{ sub: string; ver?: number; exp?: unknown }>(token);
    } catch {
      throw new UnauthorizedException('Invalid or expired token');
    }
    // jsonwebtoken checks `exp` only when present: a token without one would never expire.
    if (typeof claims.exp !== 'number') throw new UnauthorizedException('Invalid or expired token');
    const principal = await this.principals.load(claims.sub, claims.ver ?? -1);
    if (!principal) throw new UnauthorizedException('Token revoked, or account not found or deactivated');
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw forbidden(`Requires role ${roles.join(' or ')}`);
    return true;
  }
}
