// A first-come-first-served async lock: runs one piece of async work at a time. Owns nothing else.

export interface Mutex {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** True while some work holds the lock. */
  readonly busy: boolean;
}

export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  let holders = 0;
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      holders++;
      const result = tail.then(work);
      tail = result.then(
        () => holders--,
        () => holders--,
      );
      return result;
    },
    get busy() {
      return holders > 0;
    },
  };
}
