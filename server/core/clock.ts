// Clocks: where the runtime's time comes from. `fastClock` is virtual time that
// only the scheduler advances; `liveClock` is an injected wall-time source
// scaled by a speed factor. Pure: the wall time is passed in, never read here.

export interface Clock {
  /** Current clock time in whole milliseconds; never decreases. */
  now(): number;
}

export interface FastClock extends Clock {
  readonly mode: "fast";
  /** Moves time forward to `time` (ignored if it is in the past). */
  advanceTo(time: number): void;
}

export interface LiveClock extends Clock {
  readonly mode: "live";
  readonly speed: number;
  /** Changes the speed factor from now on, without a jump in time. */
  setSpeed(speed: number): void;
  /** Freezes time until resume(). */
  pause(): void;
  resume(): void;
  readonly paused: boolean;
}

export type RuntimeClock = FastClock | LiveClock;

export function fastClock(start = 0): FastClock {
  let time = Math.floor(start);
  return {
    mode: "fast",
    now: () => time,
    advanceTo(target) {
      if (target > time) time = Math.floor(target);
    },
  };
}

export interface LiveClockOptions {
  /** Clock time per wall millisecond (1 = real time, 10 = ten times faster). */
  speed: number;
  /** Wall time in milliseconds, injected (e.g. performance.now or Date.now). */
  source: () => number;
  /** Clock time at creation; default 0. */
  start?: number;
}

export function liveClock(options: LiveClockOptions): LiveClock {
  assertSpeed(options.speed);
  let speed = options.speed;
  let base = options.start ?? 0;
  let wallBase = options.source();
  let paused = false;
  let last = Math.floor(base);

  const compute = () => (paused ? base : base + (options.source() - wallBase) * speed);
  const rebase = () => {
    base = compute();
    wallBase = options.source();
  };

  return {
    mode: "live",
    get speed() {
      return speed;
    },
    get paused() {
      return paused;
    },
    now() {
      last = Math.max(last, Math.floor(compute()));
      return last;
    },
    setSpeed(next) {
      assertSpeed(next);
      rebase();
      speed = next;
    },
    pause() {
      if (paused) return;
      rebase();
      paused = true;
    },
    resume() {
      if (!paused) return;
      paused = false;
      wallBase = options.source();
    },
  };
}

function assertSpeed(speed: number): void {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`A clock speed must be a positive number, not ${speed}.`);
}
