// Transactions of one connection with after-commit hooks: parts of the store nest
// freely (savepoints inside), and listeners (subscriptions) are told about new
// rows only once the outermost transaction has committed.

import type { SqliteDatabase } from "./database";

export interface Transactions {
  /** Runs `fn` in one IMMEDIATE transaction (a savepoint when nested); it must be synchronous. */
  transaction<T>(fn: () => T): T;
  /** Runs `hook` after the outermost transaction commits (now, if none is open); dropped on rollback. */
  afterCommit(hook: () => void): void;
  /**
   * Runs async `fn` inside ONE transaction, so many small units of work share a
   * commit (fast-mode batching). Transactions started meanwhile on this
   * connection become savepoints of it. On error everything is rolled back.
   */
  batch<T>(fn: () => Promise<T>): Promise<T>;
}

const byDatabase = new WeakMap<SqliteDatabase, Transactions>();

/** One Transactions per connection, shared by every run store on it. */
export function transactionsOf(db: SqliteDatabase): Transactions {
  let transactions = byDatabase.get(db);
  if (!transactions) {
    transactions = createTransactions(db);
    byDatabase.set(db, transactions);
  }
  return transactions;
}

function createTransactions(db: SqliteDatabase): Transactions {
  // better-sqlite3 turns a nested call into a savepoint by itself.
  const run = db.transaction((fn: () => unknown) => fn()).immediate;
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  let depth = 0;
  let pending: (() => void)[] = [];

  function transaction<T>(fn: () => T): T {
    const mark = pending.length;
    depth++;
    let result: T;
    try {
      result = run(fn) as T;
    } catch (error) {
      pending.length = mark;
      throw error;
    } finally {
      depth--;
    }
    if (depth === 0) flush();
    return result;
  }

  function flush(): void {
    if (pending.length === 0) return;
    const hooks = pending;
    pending = [];
    for (const hook of hooks) hook();
  }

  async function batch<T>(fn: () => Promise<T>): Promise<T> {
    if (depth > 0 || db.inTransaction) return fn();
    begin.run();
    depth++;
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      depth--;
      pending = [];
      if (db.inTransaction) rollback.run();
      throw error;
    }
    depth--;
    commit.run();
    flush();
    return result;
  }

  function afterCommit(hook: () => void): void {
    if (depth === 0) hook();
    else if (pending[pending.length - 1] !== hook) pending.push(hook);
  }

  return { transaction, afterCommit, batch };
}
