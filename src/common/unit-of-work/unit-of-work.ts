import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { types } from 'pg';
import { DataSource, type EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';

/** A read's rows (`UnitOfWork.textRows`, `preparedTextRows`). */
export type RowsRead = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** node-pg's pool or client, as `send` uses them. */
interface PgQueryable {
  query<T>(config: { text: string; values: unknown[]; name?: string; types?: typeof TEXT_TIMESTAMPS }): Promise<{ rows: T[] }>;
}

/** node-pg's type parsers with `timestamptz` left as its text. */
const TEXT_TIMESTAMPS = {
  getTypeParser: (oid: number, format?: string) => (oid === types.builtins.TIMESTAMPTZ ? (text: string) => text : types.getTypeParser(oid, format as 'text')),
};

/** One running unit: its transaction and what its participants collected for after the commit. */
interface Unit {
  manager: EntityManager;
  scopes: Map<symbol, { state: unknown; onCommit: (state: never) => void }>;
}

/**
 * The transaction host of hoinghi. `run(fn)` opens a transaction (or joins the one already open in
 * this async context) and every write inside — the module's own rows, outbox jobs, audit entries —
 * goes through `manager`, so services never pass an `EntityManager` across module APIs. Writers
 * keep per-unit state with `scoped()` (e.g. the outbox collects the jobs it cancelled); their
 * commit hooks run once, after the outermost commit, and never after a rollback.
 */
@Injectable()
export class UnitOfWork {
  private readonly log = new Logger('UnitOfWork');
  private readonly storage = new AsyncLocalStorage<Unit>();
  private readonly statementNames = new Map<string, string>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `fn` in one transaction (joining the current one if there is one); commit hooks run after the commit. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.storage.getStore()) return fn();
    let unit: Unit | undefined;
    const result = await this.db.transaction((manager) => {
      unit = { manager, scopes: new Map() };
      return this.storage.run(unit, fn);
    });
    this.afterCommit(unit!);
    return result;
  }

  /**
   * Runs `fn`, which sends exactly one statement through `manager` — atomic on its own, so no
   * BEGIN/COMMIT round trips — as a unit: writers register their state as in `run`, and the commit
   * hooks run after the statement succeeded. For hot paths that put a whole change (row, audit
   * entry, outbox jobs) in one data-modifying statement. Inside a running unit it simply joins it.
   */
  async runStatement<T>(fn: () => Promise<T>): Promise<T> {
    if (this.storage.getStore()) return fn();
    const unit: Unit = { manager: this.db.manager, scopes: new Map() };
    const result = await this.storage.run(unit, fn);
    this.afterCommit(unit);
    return result;
  }

  private afterCommit(unit: Unit) {
    for (const { state, onCommit } of unit.scopes.values()) {
      try {
        onCommit(state as never);
      } catch (e) {
        this.log.error(`after-commit hook failed: ${(e as Error).stack ?? String(e)}`);
      }
    }
  }

  /**
   * `manager.query` as a named prepared statement when it runs on its own (not inside a transaction):
   * PostgreSQL parses and plans it once per connection instead of on every call — for the large
   * one-statement writes of hot paths (an RSVP answer's statement takes longer to plan than to run).
   * `sql` must be the same text on every call (the parameters vary). Logged like any query.
   */
  async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    if (this.manager.queryRunner) return this.manager.query(sql, params);
    return this.send<T>(sql, params, { prepared: true, textTimestamps: false });
  }

  /**
   * A read whose `timestamptz` values come as PostgreSQL writes them (`2019-04-01 01:30:00.5+00`: every
   * pool's session is in UTC, see SESSION_OPTIONS), not parsed into `Date`s — for the lists' views
   * (`RowView`), which cut that text into the API's forms, so the statement selects plain columns
   * (PostgreSQL writing the text itself, `(t AT TIME ZONE 'UTC')::text`, and the page subquery those
   * expressions needed took a quarter of the events search's statement). In the current transaction,
   * if there is one. Logged like any query.
   */
  readonly textRows: RowsRead = (sql, params) => this.send(sql, params, { prepared: false, textTimestamps: true });

  /** `textRows` as a named prepared statement outside a transaction (as `query`): for statements PostgreSQL may plan once. */
  readonly preparedTextRows: RowsRead = (sql, params) => this.send(sql, params, { prepared: true, textTimestamps: true });

  private async send<T>(sql: string, params: unknown[], how: { prepared: boolean; textTimestamps: boolean }): Promise<T[]> {
    const runner = this.manager.queryRunner;
    // (A released runner still holds its client, which the pool may have lent on: TypeORM's own `query` refuses it too.)
    if (runner?.isReleased) throw new QueryRunnerAlreadyReleasedError();
    const client: PgQueryable = runner ? await (runner as unknown as { connect(): Promise<PgQueryable> }).connect() : this.pool;
    const config: { text: string; values: unknown[]; name?: string; types?: typeof TEXT_TIMESTAMPS } = { text: sql, values: params };
    if (how.prepared && !runner) config.name = this.statementName(sql);
    if (how.textTimestamps) config.types = TEXT_TIMESTAMPS;
    this.db.logger.logQuery(sql, params);
    try {
      return (await client.query<T>(config)).rows;
    } catch (e) {
      this.db.logger.logQueryError(e as Error, sql, params);
      // The shape TypeORM gives database errors, so the exception filter maps them as it maps any other.
      throw new QueryFailedError(sql, params, e as Error);
    }
  }

  private statementName(sql: string): string {
    let name = this.statementNames.get(sql);
    if (!name) {
      name = `hoinghi_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      this.statementNames.set(sql, name);
    }
    return name;
  }

  private get pool(): PgQueryable {
    return (this.db.driver as unknown as { master: PgQueryable }).master;
  }

  /** The current transaction's manager, or the plain one outside a unit (reads). */
  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.db.manager;
  }

  get active(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /**
   * State under `key` for the current unit, created by `init` on first use; `onCommit` runs once
   * with it after the commit. Throws outside a unit: such writers belong inside a transaction.
   */
  scoped<S>(key: symbol, init: () => S, onCommit: (state: S) => void): S {
    const unit = this.storage.getStore();
    if (!unit) throw new Error(`${key.description ?? 'a writer'} must run inside UnitOfWork.run()`);
    let scope = unit.scopes.get(key);
    if (!scope) {
      scope = { state: init(), onCommit: onCommit as (state: never) => void };
      unit.scopes.set(key, scope);
    }
    return scope.state as S;
  }
}
