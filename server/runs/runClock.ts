// The clock of a studio run: live (wall time × speed) while playing, virtual while paused, so
// stepping or settling a paused run jumps to the next due work as fast mode does. Built from the
// core clocks; the wall time is injected. Owns no engine: callers stop the scheduler before pause().
import { fastClock, liveClock, type FastClock, type LiveClock, type RuntimeClock } from "../core/clock";

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 16;

export interface RunClock {
  /**
   * What the engine reads. Its `mode` follows play/pause: "live" while playing (the scheduler paces
   * work by the wall clock) and "fast" while paused (step and runUntilIdle advance virtual time).
   */
  readonly clock: RuntimeClock;
  readonly playing: boolean;
  readonly speed: number;
  now(): number;
  /** Time runs on from where it stands, at the current speed. */
  play(): void;
  /** Time stops where it stands; only the scheduler (step, runUntilIdle) moves it on. */
  pause(): void;
  /** Changes the speed from now on, without a jump in time. */
  setSpeed(speed: number): void;
}

export interface RunClockOptions {
  speed: number;
  /** Wall time in ms (performance.now in the server). */
  source: () => number;
  /** Clock time to start from (where the run's log ends). */
  start: number;
  playing: boolean;
  /**
   * Time several processes share (Kafka mode's epoch clock): play() resumes at the source's time
   * (the pause is skipped over, never taken back), not where the clock stood.
   */
  shared?: boolean;
}

/** A speed the run bar offers: ×0.25 to ×16. */
export function checkSpeed(speed: number): number {
  if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) throw new RangeError(`A run's speed must be between ×${MIN_SPEED} and ×${MAX_SPEED}, not ×${speed}.`);
  return speed;
}

export function createRunClock(options: RunClockOptions): RunClock {
  let speed = checkSpeed(options.speed);
  let playing = options.playing;
  let virtual: FastClock = fastClock(options.start);
  let live: LiveClock = liveClock({ speed, source: options.source, start: options.start });

  const now = () => (playing ? live.now() : virtual.now());
  // The scheduler reads `mode` on every step, so a clock whose mode follows play/pause is read
  // correctly; TypeScript cannot express a union member whose discriminant changes, hence the cast.
  const clock = {
    get mode() {
      return playing ? "live" : "fast";
    },
    get speed() {
      return speed;
    },
    get paused() {
      return !playing;
    },
    now,
    advanceTo(time: number) {
      if (!playing) virtual.advanceTo(time);
    },
    setSpeed,
    pause,
    resume: play,
  } as unknown as RuntimeClock;

  function play(): void {
    if (playing) return;
    const start = options.shared ? Math.max(virtual.now(), options.source()) : virtual.now();
    live = liveClock({ speed, source: options.source, start });
    playing = true;
  }

  function pause(): void {
    if (!playing) return;
    virtual = fastClock(live.now());
    playing = false;
  }

  function setSpeed(next: number): void {
    if (options.shared && next !== 1) throw new RangeError(`A run on Kafka keeps wall time (×1), which its worker processes share; its speed cannot be ×${next}.`);
    speed = checkSpeed(next);
    live.setSpeed(speed);
  }

  return {
    clock,
    get playing() {
      return playing;
    },
    get speed() {
      return speed;
    },
    now,
    play,
    pause,
    setSpeed,
  };
}
