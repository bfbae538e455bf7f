import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiError } from '../common/errors/api-error';
import { InvitationLinks } from '../invitations/public/links';
import { BridgePointsError } from './bridge-points.errors';

/** The header a coordinator's requests carry their point's link token in. */
export const COORDINATOR_HEADER = 'x-bridge-token';

/**
 * A coordinator route's credential, checked before the body is parsed into its DTO (guards run
 * before pipes): the `X-Bridge-Token` header must be a genuine coordinator token (401) of the
 * `:pointId` in the path (403: point X's token on point Y). Signature only, no database; expiry is
 * the service's (it needs the event).
 */
@Injectable()
export class CoordinatorGuard implements CanActivate {
  constructor(private readonly links: InvitationLinks) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ headers: Record<string, unknown>; params?: Record<string, unknown> }>();
    const token = req.headers[COORDINATOR_HEADER];
    const id = typeof token === 'string' ? this.links.verify('bridge', token) : null;
    if (!id) throw new ApiError(401, 'No valid coordinator token', [{ field: COORDINATOR_HEADER, message: 'is missing, malformed or forged' }], BridgePointsError.TokenInvalid);
    if (id !== req.params?.pointId) {
      throw new ApiError(403, 'This coordinator link is for another point', [{ field: 'pointId', message: 'is not the point of this link' }], BridgePointsError.WrongPoint);
    }
    return true;
  }
}
