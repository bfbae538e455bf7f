import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../../config/env';
import type { RsvpLinks } from '../content/mail-content';
import { LinkTokens, type TokenPurpose } from './tokens';

/** The personal links of invitations (RSVP, nomination, calendar feed): issued for mails, verified by the public side. */
@Injectable()
export class InvitationLinks {
  private readonly tokens: LinkTokens;
  private readonly base: string;

  constructor(@Inject(ConfigService) config: ConfigService<AppConfig, true>) {
    this.tokens = new LinkTokens(config.get('jwtSecret', { infer: true }));
    this.base = config.get('publicBaseUrl', { infer: true });
  }

  /** A token for a row (the demo seeding answers through the same links officials get). */
  issue(purpose: TokenPurpose, id: string): string {
    return this.tokens.issue(purpose, id);
  }

  /** The row id a token was issued for, or null when it is malformed or forged. */
  verify(purpose: TokenPurpose, token: string): string | null {
    return this.tokens.verify(purpose, token);
  }

  rsvp(participantId: string): RsvpLinks {
    const page = `${this.base}/rsvp/${this.tokens.issue('rsvp', participantId)}`;
    return {
      page, accept: `${page}?answer=accepted`, decline: `${page}?answer=declined`, tentative: `${page}?answer=tentative`, substitute: `${page}?answer=delegated`, ics: `${page}/event.ics`,
      checkin: this.checkin(participantId),
    };
  }

  nominate(participantId: string): string {
    return `${this.base}/nominate/${this.tokens.issue('nominate', participantId)}`;
  }

  /** The participant's check-in link, the text of their personal QR code (the attendance module serves it). */
  checkin(participantId: string): string {
    return `${this.base}/checkin/${this.tokens.issue('checkin', participantId)}`;
  }

  feed(personId: string): string {
    return `${this.base}/calendar/${this.tokens.issue('feed', personId)}.ics`;
  }
}
