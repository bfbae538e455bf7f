import { Injectable } from '@nestjs/common';
import type { BridgePointView } from '../content/event-view';

/** Where one participant attends an online or hybrid event from (their điểm cầu), with its join details. */
export type ParticipantSite = BridgePointView & { pointId: string };

/** Answers which point each participant attends from; the bridge-points module provides it. */
export interface ParticipantSiteSource {
  sitesOf(participantIds: string[]): Promise<Map<string, ParticipantSite>>;
  /**
   * SQL, a boolean expression: whether the participant whose id is `participantId` (an SQL
   * expression) attends from a point. The source's own read model, read in the same statement as
   * the participant, so that a participant without a point — every one of an event without points —
   * costs no further query.
   */
  hasSiteSql(participantId: string): string;
}

/**
 * The seam through which invitations learn a participant's bridge point without depending on the
 * bridge-points module (it sits above invitations): that module registers itself as the source at
 * init. Without a source (or for in-person events) nobody has a site and invitations show the
 * event's own place and link. The site itself is asked for only when the participant's row said it
 * has one (`hasSiteSql`): the mails of an event without points run no query for it.
 */
@Injectable()
export class ParticipantSites {
  private source: ParticipantSiteSource | null = null;

  use(source: ParticipantSiteSource): void {
    if (this.source && this.source !== source) throw new Error('A second source of participant sites');
    this.source = source;
  }

  /** See ParticipantSiteSource.hasSiteSql; `false` without a source. */
  hasSiteSql(participantId: string): string {
    return this.source ? `(${this.source.hasSiteSql(participantId)})` : 'false';
  }

  async of(participantId: string): Promise<ParticipantSite | null> {
    if (!this.source) return null;
    return (await this.source.sitesOf([participantId])).get(participantId) ?? null;
  }
}
