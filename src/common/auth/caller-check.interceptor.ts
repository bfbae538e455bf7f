import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, UnauthorizedException } from '@nestjs/common';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { type Principal, PRINCIPAL_LOADER, type PrincipalLoader, REVOKED_MESSAGE } from './principal';

/**
 * On the routes marked `@CallerCheckedInQuery()` (only there: elsewhere no interceptor runs, and Nest
 * builds no rxjs chain for the request): a caller whose token the route was to check in its own statement (`Principal.pending`)
 * and did not (an empty page, an error before the query) is checked here, before anything is sent —
 * a revoked token gets its 401 whatever the route answered.
 */
@Injectable()
export class CallerCheckInterceptor implements NestInterceptor {
  constructor(@Inject(PRINCIPAL_LOADER) private readonly principals: PrincipalLoader) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal: Principal | undefined = ctx.switchToHttp().getRequest().principal;
    if (!principal?.pending) return next.handle();
    const check = async () => {
      const pending = principal.pending!;
      if (pending.verified) return;
      const current = await this.principals.load(principal.userId, pending.version);
      if (!current) throw new UnauthorizedException(REVOKED_MESSAGE);
      pending.verified = true;
    };
    return next.handle().pipe(
      mergeMap((value) => from(check().then(() => value))),
      catchError((e: unknown) => from(check().then(() => Promise.reject(e)))),
    );
  }
}
