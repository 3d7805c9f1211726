import type { Database, Queryable } from './index.js';

/** Something to do once a transaction has committed (never if it rolls back). */
export type CommitHook = () => void;

const transactions = new WeakMap<object, { db: Database; hooks: CommitHook[] }>();

/**
 * Runs `hook` after the caller's transaction commits. Returns false when `tx` is not the outermost
 * transaction of a database made by `withCommitHooks` (a savepoint, the bare database): the caller
 * then does its work inside the transaction instead.
 */
export function afterCommit(tx: Queryable, hook: CommitHook): boolean {
  const open = transactions.get(tx);
  if (!open) return false;
  open.hooks.push(hook);
  return true;
}

/** The database whose outermost transaction `tx` is (undefined for a savepoint or a database). */
export function databaseOf(tx: Queryable): Database | undefined {
  return transactions.get(tx)?.db;
}

/**
 * Gives every `db.transaction(...)` a list of hooks that run after its COMMIT, in the order they
 * were added. A hook that throws is reported to `onError` and does not stop the others: the
 * transaction has committed, its caller gets its result.
 */
export function withCommitHooks(db: Database, onError: (error: unknown) => void): Database {
  const transaction = db.transaction.bind(db);
  const wrapped: Database['transaction'] = async (work, config) => {
    const hooks: CommitHook[] = [];
    const result = await transaction((tx) => {
      transactions.set(tx, { db, hooks });
      return work(tx);
    }, config);
    for (const hook of hooks) {
      try {
        hook();
      } catch (error) {
        onError(error);
      }
    }
    return result;
  };
  db.transaction = wrapped;
  return db;
}
