/**
 * The job kinds of the application and their payloads, in one typed map that each module extends
 * beside the handler or writer of its jobs (declaration merging):
 *
 *     declare module '../jobs/job-types' {
 *       interface JobPayloads { 'invitations.mail': MailJob }
 *     }
 *     declareJobKind('invitations.mail');
 *
 * The map types `JobsService.define` by kind; `declareJobKind` is its runtime list: at boot every
 * declared kind must have a handler (and so must every kind still pending in the outbox), or the
 * start fails naming the kind (see `JobKindCheck`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface JobPayloads {}

export type JobKind = keyof JobPayloads & string;

const declared = new Set<string>();

/**
 * Declares a job kind this module writes to the outbox (called once, at module load, beside its
 * payload type). Returns a function that takes the declaration back (for tests).
 */
export function declareJobKind<K extends JobKind>(kind: K): () => void {
  declared.add(kind);
  return () => declared.delete(kind);
}

/** Every declared job kind, sorted. */
export function declaredJobKinds(): string[] {
  return [...declared].sort();
}

/**
 * Thrown by a handler that cannot act yet and must run again after `ms` — without that counting as
 * a failed attempt (e.g. a CANCEL waits until an invitation still in flight to the same person has
 * gone, so the two never cross). The row is handed out again when its short lease ends.
 */
export class RetryLater extends Error {
  constructor(
    readonly ms: number,
    message: string,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}
