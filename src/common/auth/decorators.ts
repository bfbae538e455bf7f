import { createParamDecorator, type ExecutionContext, SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { CallerCheckInterceptor } from './caller-check.interceptor';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Principal, Role } from './principal';

export const IS_PUBLIC = 'hoinghi:public';
export const ROLES_KEY = 'hoinghi:roles';
export const CALLER_IN_QUERY = 'hoinghi:caller-in-query';

/** No login needed (login itself, health, public RSVP pages later). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the handler; without it any logged-in user may. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid token' }),
    ApiForbiddenResponse({ description: `Requires role ${roles.join(' or ')} and the target inside the caller's scope` }),
  );

/**
 * A read that checks its caller in its own statement instead of a query of the guard's (one round
 * trip less per request): see `Principal.pending`. Its service selects `callerCheck`; if it does
 * not (an empty page), CallerCheckInterceptor checks before the response goes out.
 */
export const CallerCheckedInQuery = () => applyDecorators(SetMetadata(CALLER_IN_QUERY, true), UseInterceptors(CallerCheckInterceptor));

/** Read roles: everyone who can log in. */
export const ANY_ROLE: Role[] = ['admin', 'organizer', 'trainer', 'viewer', 'leader'];
/** Roles that may change the organization directory and people. */
export const MANAGERS: Role[] = ['admin', 'organizer'];

/** The caller, as resolved by AuthGuard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
