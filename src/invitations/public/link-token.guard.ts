import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { unknownLink } from './rsvp.service';
import { InvitationLinks } from './links';
import type { TokenPurpose } from './tokens';

const LINK_PURPOSE = 'hoinghi:link-purpose';

/**
 * Checks the `:token` of a public route (its signature only: no database) before the body is
 * parsed into its DTO and validated. Guards run before pipes, so a forged or mangled link is a 404
 * at the cost of one HMAC, never the validation of whatever body came with it.
 */
@Injectable()
export class LinkTokenGuard implements CanActivate {
  constructor(
    private readonly links: InvitationLinks,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const purpose = this.reflector.get<TokenPurpose | undefined>(LINK_PURPOSE, context.getHandler());
    if (!purpose) return true;
    const token: unknown = context.switchToHttp().getRequest<{ params?: Record<string, unknown> }>().params?.token;
    if (typeof token !== 'string' || this.links.verify(purpose, token) === null) throw unknownLink();
    return true;
  }
}

/** The route's `:token` must be a genuine link of this purpose (see LinkTokenGuard). */
export const LinkToken = (purpose: TokenPurpose) => applyDecorators(SetMetadata(LINK_PURPOSE, purpose), UseGuards(LinkTokenGuard));
