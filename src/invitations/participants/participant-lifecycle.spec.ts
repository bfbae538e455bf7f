import { PARTICIPANT_STATUSES, type ParticipantStatus } from './participant.entity';
import {
  ACTIVE_STATUSES,
  afterDelivery,
  afterFailure,
  answerTransition,
  canAnswer,
  holdsSeat,
  isActive,
  isReminded,
  isWithdrawn,
  linkOpen,
  mailStillWanted,
  type MailState,
  SEAT_STATUSES,
  startOver,
  statusIn,
  WITHDRAWN_STATUSES,
} from './participant-lifecycle';

const NOW = new Date('2026-12-10T03:00:00Z');
const LATER = new Date('2026-12-18T07:00:00Z');

describe('participant lifecycle: the sets every count relies on', () => {
  it.each([
    ['pending', true, true, false, false],
    ['invited', true, true, false, false],
    ['accepted', true, true, false, true],
    ['tentative', true, true, false, true],
    ['failed', true, true, false, false],
    ['delegated', false, true, true, false],
    ['declined', false, false, true, false],
    ['removed', false, false, true, false],
  ] as [ParticipantStatus, boolean, boolean, boolean, boolean][])('%s: seat %s, active %s, withdrawn %s, reminded %s', (status, seat, active, withdrawn, reminded) => {
    expect([holdsSeat(status), isActive(status), isWithdrawn(status), isReminded(status)]).toEqual([seat, active, withdrawn, reminded]);
  });

  it('covers every status: each one either holds a seat or is withdrawn, never both', () => {
    for (const s of PARTICIPANT_STATUSES) expect(holdsSeat(s) !== isWithdrawn(s)).toBe(true);
    expect(new Set([...SEAT_STATUSES, ...WITHDRAWN_STATUSES]).size).toBe(PARTICIPANT_STATUSES.length);
    expect(ACTIVE_STATUSES).toEqual([...SEAT_STATUSES, 'delegated']);
  });

  it('writes the same sets as SQL', () => {
    expect(statusIn(SEAT_STATUSES, 'p.status')).toBe("p.status IN ('pending', 'invited', 'accepted', 'tentative', 'failed')");
  });
});

describe('participant lifecycle: transitions', () => {
  it('starts an invitation over as never mailed nor answered, in a new round', () => {
    const patch = startOver();
    expect(patch).toMatchObject({ status: 'pending', lastSentSequence: null, invitedAt: null, respondedAt: null, responseNote: null, lastError: null });
    expect(patch.invitationRound()).toBe('invitation_round + 1');
  });

  it.each([
    ['pending', 'invited'],
    ['failed', 'invited'],
    ['invited', 'invited'],
    ['accepted', 'accepted'],
    ['declined', 'declined'],
    ['removed', 'removed'],
  ] as [ParticipantStatus, ParticipantStatus][])('after delivery %s becomes %s (an answer is never overwritten)', (from, to) => {
    expect(afterDelivery(from)).toBe(to);
  });

  it.each([
    ['pending', true, 'failed'],
    ['invited', true, 'failed'],
    ['accepted', true, 'accepted'],
    ['pending', false, 'pending'],
    ['removed', true, 'removed'],
  ] as [ParticipantStatus, boolean, ParticipantStatus][])('after a final failure %s (invitation mail: %s) becomes %s', (from, invitation, to) => {
    expect(afterFailure(from, invitation)).toBe(to);
  });

  it('passing an invitation on cancels the own calendar entry only if an invitation may have arrived', () => {
    expect(answerTransition('accepted', 'delegated', true, false)).toEqual({ status: 'delegated', cancelOwnInvitation: true, reinvite: false, dropSubstitute: false });
    expect(answerTransition('pending', 'delegated', false, false).cancelOwnInvitation).toBe(false);
    expect(answerTransition('delegated', 'delegated', true, true).cancelOwnInvitation).toBe(false);
  });

  it('taking a delegation back drops the substitute and re-invites (accept or maybe), or only drops it (decline)', () => {
    expect(answerTransition('delegated', 'accepted', true, true)).toEqual({ status: 'accepted', cancelOwnInvitation: false, reinvite: true, dropSubstitute: true });
    expect(answerTransition('delegated', 'tentative', true, true).reinvite).toBe(true);
    expect(answerTransition('delegated', 'declined', true, true)).toEqual({ status: 'declined', cancelOwnInvitation: false, reinvite: false, dropSubstitute: true });
    expect(answerTransition('delegated', 'accepted', false, true).reinvite).toBe(false);
  });

  // The one-statement answer (RsvpService.answerAtOnce) takes exactly these cases and relies on it.
  it('plain answers change only the status', () => {
    for (const from of ['pending', 'invited', 'accepted', 'declined', 'tentative', 'failed'] as ParticipantStatus[]) {
      for (const a of ['accepted', 'declined', 'tentative'] as const) {
        for (const hadInvitation of [true, false]) {
          expect(answerTransition(from, a, hadInvitation, false)).toEqual({ status: a, cancelOwnInvitation: false, reinvite: false, dropSubstitute: false });
        }
      }
    }
  });
});

describe('participant lifecycle: answer windows and links', () => {
  const event = { status: 'scheduled' as const, startsAt: LATER, endsAt: new Date(LATER.getTime() + 3 * 3600_000) };

  it('answers change until the start of a published event', () => {
    expect(canAnswer(event, NOW)).toBe(true);
    expect(canAnswer(event, LATER)).toBe(false);
    expect(canAnswer({ ...event, status: 'in_progress' }, NOW)).toBe(true);
    expect(canAnswer({ ...event, status: 'cancelled' }, NOW)).toBe(false);
    expect(canAnswer({ ...event, status: 'draft' }, NOW)).toBe(false);
  });

  it('links open until the end (to read), never for a draft', () => {
    expect(linkOpen(event, LATER)).toBe(true);
    expect(linkOpen(event, new Date(event.endsAt.getTime() + 1))).toBe(false);
    expect(linkOpen({ ...event, status: 'draft' }, NOW)).toBe(false);
    expect(linkOpen({ ...event, status: 'cancelled' }, NOW)).toBe(true);
  });
});

describe('participant lifecycle: which mail jobs still apply', () => {
  const state = (status: ParticipantStatus, eventStatus: MailState['event']['status'] = 'scheduled', round = 0, kind: 'person' | 'agency' = 'person'): MailState => ({
    participant: { status, kind, invitationRound: round },
    event: { status: eventStatus, sequence: 2, startsAt: LATER },
  });

  it('drops every job of an earlier round', () => {
    for (const kind of ['request', 'cancel', 'nomination', 'reminder'] as const) expect(mailStillWanted(kind, { round: 0, sequence: 2 }, state('removed', 'cancelled', 1), NOW)).toBe(false);
  });

  it('sends a REQUEST only for the current sequence of a published event to someone still expecting it', () => {
    expect(mailStillWanted('request', { round: 0, sequence: 2 }, state('invited'), NOW)).toBe(true);
    expect(mailStillWanted('request', { round: 0, sequence: 1 }, state('invited'), NOW)).toBe(false);
    expect(mailStillWanted('request', { round: 0, sequence: 2 }, state('invited', 'cancelled'), NOW)).toBe(false);
    for (const s of WITHDRAWN_STATUSES) expect(mailStillWanted('request', { round: 0, sequence: 2 }, state(s), NOW)).toBe(false);
  });

  it('sends a CANCEL while the withdrawal holds, or when the event is cancelled', () => {
    for (const s of WITHDRAWN_STATUSES) expect(mailStillWanted('cancel', { round: 0, sequence: 2 }, state(s), NOW)).toBe(true);
    expect(mailStillWanted('cancel', { round: 0, sequence: 2 }, state('accepted'), NOW)).toBe(false);
    expect(mailStillWanted('cancel', { round: 0, sequence: 2 }, state('accepted', 'cancelled'), NOW)).toBe(true);
  });

  it('sends a nomination request to an agency still invited to a published event', () => {
    expect(mailStillWanted('nomination', { round: 0, sequence: 2 }, state('pending', 'scheduled', 0, 'agency'), NOW)).toBe(true);
    expect(mailStillWanted('nomination', { round: 0, sequence: 2 }, state('removed', 'scheduled', 0, 'agency'), NOW)).toBe(false);
    expect(mailStillWanted('nomination', { round: 0, sequence: 2 }, state('pending', 'scheduled', 0, 'person'), NOW)).toBe(false);
  });

  it('sends a reminder for the start it was written for, before it, to those who said yes or maybe', () => {
    const job = { round: 0, sequence: 2, startsAt: LATER.toISOString() };
    expect(mailStillWanted('reminder', job, state('accepted'), NOW)).toBe(true);
    expect(mailStillWanted('reminder', job, state('tentative'), NOW)).toBe(true);
    expect(mailStillWanted('reminder', job, state('declined'), NOW)).toBe(false);
    expect(mailStillWanted('reminder', { ...job, startsAt: NOW.toISOString() }, state('accepted'), NOW)).toBe(false);
    expect(mailStillWanted('reminder', job, state('accepted'), LATER)).toBe(false);
  });
});
