import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders became rounds of the event (one job per offset, written when invitations go out and when
 * the event changes) instead of one job per invitee synced by each answer. An event whose invitations
 * went out before has no rounds: each upcoming one gets an `events.changed` signal at its current
 * SEQUENCE, whose handler writes the rounds (and mails nobody: everyone mailed has that SEQUENCE).
 * Reminder jobs already written per invitee stay and are sent once (a round's mail has the same key).
 */
export class ReminderRounds1797500000000 implements MigrationInterface {
  name = 'ReminderRounds1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO outbox (kind, payload, dedupe_key, run_at)
       SELECT 'events.changed', jsonb_build_object('eventId', e.id, 'sequence', e.sequence),
              'events.changed:' || e.id || ':' || e.sequence || ':reminder-rounds', now()
         FROM events e
        WHERE e.status IN ('scheduled', 'in_progress') AND e.starts_at > now()
          AND EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.id AND p.last_sent_sequence IS NOT NULL)
       ON CONFLICT (dedupe_key) DO NOTHING`,
    );
  }

  async down(): Promise<void> {
    // Nothing to undo: the signals are ordinary jobs; the per-invitee design would re-sync on the next answer.
  }
}
