import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { declaredJobKinds } from './job-types';
import { JobsService } from './jobs.service';

/**
 * At boot, after the modules defined their handlers: every declared job kind (`declareJobKind`) and
 * every kind still pending or queued in the outbox must have a handler, or the start fails naming
 * the kinds. (Two handlers for one kind already fail at `define`.) Without it a renamed or removed
 * handler would leave rows that fail only when they run — or never run at all.
 */
@Injectable()
export class JobKindCheck {
  constructor(
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async assertHandled(): Promise<void> {
    const defined = this.jobs.definedKinds();
    const problems = declaredJobKinds()
      .filter((k) => !defined.includes(k))
      .map((k) => `'${k}' (declared with declareJobKind)`);
    const stored: { kind: string; n: number }[] = await this.db.query(
      `SELECT kind, count(*)::int AS n FROM outbox WHERE status IN ('pending', 'queued') AND kind <> ALL($1) GROUP BY kind ORDER BY kind`,
      [defined],
    );
    problems.push(...stored.map((s) => `'${s.kind}' (${s.n} pending or queued outbox ${s.n === 1 ? 'row' : 'rows'})`));
    if (problems.length) {
      throw new Error(`No handler for job kind ${problems.join(', ')}: define one with JobsService.define at module init, or cancel the rows`);
    }
  }
}
