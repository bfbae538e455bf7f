import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type EntityManager } from 'typeorm';

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

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `fn` in one transaction (joining the current one if there is one); commit hooks run after the commit. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.storage.getStore()) return fn();
    let unit: Unit | undefined;
    const result = await this.db.transaction((manager) => {
      unit = { manager, scopes: new Map() };
      return this.storage.run(unit, fn);
    });
    for (const { state, onCommit } of unit!.scopes.values()) {
      try {
        onCommit(state as never);
      } catch (e) {
        this.log.error(`after-commit hook failed: ${(e as Error).stack ?? String(e)}`);
      }
    }
    return result;
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
