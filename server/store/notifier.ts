// Catch-up-then-live subscriptions over an ordered table: a subscriber gets every
// row after its cursor in batches, then is woken (asynchronously, after commit)
// whenever its part of the store signals new rows. In-process only.

export interface Subscription {
  /** Stops deliveries; safe to call twice. */
  close(): void;
}

export interface Notifier {
  /** Wakes every subscriber; call it after a commit that added rows. */
  notify(): void;
  subscribe<T>(after: number, readAfter: (cursor: number) => T[], cursorOf: (item: T) => number, deliver: (items: T[]) => void): Subscription;
}

export function createNotifier(): Notifier {
  const listeners = new Set<() => void>();
  return {
    notify() {
      for (const listener of listeners) listener();
    },
    subscribe(after, readAfter, cursorOf, deliver) {
      let cursor = after;
      let closed = false;
      let scheduled = false;
      const pump = () => {
        scheduled = false;
        while (!closed) {
          const batch = readAfter(cursor);
          if (batch.length === 0) return;
          cursor = cursorOf(batch[batch.length - 1]!);
          deliver(batch);
        }
      };
      const wake = () => {
        if (scheduled || closed) return;
        scheduled = true;
        queueMicrotask(pump);
      };
      listeners.add(wake);
      wake();
      return {
        close() {
          closed = true;
          listeners.delete(wake);
        },
      };
    },
  };
}
