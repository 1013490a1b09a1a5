// Faults injected into a running engine (the studio's fault panel, guided tours): a service that
// fails its next calls or fails at a rate, a handler that throws on its next deliveries, a slowed
// consumer group, deliveries made twice, a paused outbox relay. Each is kept in the run's
// checkpoints (so a reopened run keeps it) and cached in memory for the hot paths; fail-next is
// read from its checkpoint on every call, the others once per engine boot.

import type { Checkpoints } from "../store";

export type InjectedFault =
  /** The next `count` calls of a service operation fail. */
  | { kind: "service-fail-next"; service: string; operation: string; count: number }
  /** Calls of a service operation fail with this probability (0..1], instead of its own rate. */
  | { kind: "service-failure-rate"; service: string; operation: string; probability: number }
  /** The next `count` deliveries to a group throw: retried (retryable) or dead-lettered at once. */
  | { kind: "handler-error"; group: string; count: number; retryable: boolean }
  /** Each delivery to a group takes `delayMs` more clock time (the group handles one at a time). */
  | { kind: "slow-consumer"; group: string; delayMs: number }
  /** The next `count` messages a group handles are delivered again (handled, offset not committed). */
  | { kind: "duplicate-delivery"; group: string; count: number }
  /** The outbox relay publishes nothing until cleared. */
  | { kind: "relay-paused" };

export type FaultKind = InjectedFault["kind"];

/** Error names of injected handler failures. */
export const INJECTED_ERROR = "InjectedError";
export const INJECTED_NON_RETRYABLE_ERROR = "InjectedNonRetryableError";

export const failNextCounter = (service: string, operation: string): string => `service:${service}.${operation}:fail-next`;

/** Identity of a fault: injecting one with the same key replaces it; clearing takes the key. */
export function faultKey(fault: InjectedFault): string {
  switch (fault.kind) {
    case "service-fail-next":
    case "service-failure-rate":
      return `${fault.kind}:${fault.service}.${fault.operation}`;
    case "handler-error":
      return `${fault.kind}:${fault.retryable ? "retryable" : "non-retryable"}:${fault.group}`;
    case "slow-consumer":
    case "duplicate-delivery":
      return `${fault.kind}:${fault.group}`;
    case "relay-paused":
      return fault.kind;
    default: {
      const unknown: never = fault;
      throw new Error(`Unknown fault ${JSON.stringify(unknown)}.`);
    }
  }
}

/** The stored magnitude of a fault (a count, parts per million, milliseconds or 1); 0 = none. */
function magnitude(fault: InjectedFault): number {
  switch (fault.kind) {
    case "service-fail-next":
    case "handler-error":
    case "duplicate-delivery":
      return Math.max(0, Math.floor(fault.count));
    case "service-failure-rate":
      return Math.round(Math.min(1, Math.max(0, fault.probability)) * 1_000_000);
    case "slow-consumer":
      return Math.max(0, Math.floor(fault.delayMs));
    case "relay-paused":
      return 1;
    default: {
      const unknown: never = fault;
      throw new Error(`Unknown fault ${JSON.stringify(unknown)}.`);
    }
  }
}

function withMagnitude(fault: InjectedFault, value: number): InjectedFault {
  switch (fault.kind) {
    case "service-fail-next":
    case "handler-error":
    case "duplicate-delivery":
      return { ...fault, count: value };
    case "service-failure-rate":
      return { ...fault, probability: value / 1_000_000 };
    case "slow-consumer":
      return { ...fault, delayMs: value };
    case "relay-paused":
      return fault;
    default: {
      const unknown: never = fault;
      throw new Error(`Unknown fault ${JSON.stringify(unknown)}.`);
    }
  }
}

/** Checkpoint holding a fault's magnitude (fail-next keeps the name the service handler reads). */
function checkpointOf(fault: InjectedFault): string {
  return fault.kind === "service-fail-next" ? failNextCounter(fault.service, fault.operation) : `fault:${faultKey(fault)}`;
}

const STORED_PREFIX = "fault:";

export interface FaultBoard {
  /** Active faults, fail-next ones of `operations` included. */
  list(operations: readonly { service: string; operation: string }[]): InjectedFault[];
  /** Sets a fault; a zero count, probability or delay clears it. */
  set(fault: InjectedFault, now: number): void;
  clear(fault: InjectedFault, now: number): void;
  /** Injected failure probability of a service operation, if any. */
  failureRate(service: string, operation: string): number | undefined;
  /** Uses up one injected handler error of the group, if any: what it throws. */
  takeHandlerError(group: string, now: number): { retryable: boolean } | undefined;
  /** Extra clock time per delivery of the group (0 = none). */
  slowMs(group: string): number;
  /** Uses up one injected duplicate delivery of the group, if any. */
  takeDuplicate(group: string, now: number): boolean;
  relayPaused(): boolean;
}

/** Faults stored by key, parsed back from the checkpoint names the board writes. */
function parseStored(name: string, value: number): InjectedFault | undefined {
  const key = name.slice(STORED_PREFIX.length);
  const [kind, ...rest] = key.split(":");
  const tail = rest.join(":");
  switch (kind) {
    case "service-failure-rate": {
      const dot = tail.indexOf(".");
      return { kind, service: tail.slice(0, dot), operation: tail.slice(dot + 1), probability: value / 1_000_000 };
    }
    case "handler-error": {
      const [flavour, ...group] = rest;
      return { kind, group: group.join(":"), count: value, retryable: flavour === "retryable" };
    }
    case "slow-consumer":
      return { kind, group: tail, delayMs: value };
    case "duplicate-delivery":
      return { kind, group: tail, count: value };
    case "relay-paused":
      return { kind };
    default:
      return undefined;
  }
}

export function createFaultBoard(checkpoints: Checkpoints): FaultBoard {
  const active = new Map<string, InjectedFault>();
  for (const { name, position } of checkpoints.list(STORED_PREFIX)) {
    const fault = position > 0 ? parseStored(name, position) : undefined;
    if (fault) active.set(faultKey(fault), fault);
  }

  function set(fault: InjectedFault, now: number): void {
    const value = magnitude(fault);
    checkpoints.set(checkpointOf(fault), value, now);
    if (fault.kind === "service-fail-next") return;
    if (value === 0) active.delete(faultKey(fault));
    else active.set(faultKey(fault), withMagnitude(fault, value));
  }

  /** Uses up one unit of a counted fault. */
  function take(key: string, now: number): InjectedFault | undefined {
    const fault = active.get(key);
    if (!fault || (fault.kind !== "handler-error" && fault.kind !== "duplicate-delivery")) return undefined;
    set({ ...fault, count: fault.count - 1 }, now);
    return fault;
  }

  return {
    list(operations) {
      const failNext: InjectedFault[] = operations.flatMap(({ service, operation }) => {
        const count = checkpoints.get(failNextCounter(service, operation));
        return count > 0 ? [{ kind: "service-fail-next" as const, service, operation, count }] : [];
      });
      return [...failNext, ...active.values()];
    },
    set,
    clear(fault, now) {
      checkpoints.set(checkpointOf(fault), 0, now);
      active.delete(faultKey(fault));
    },
    failureRate(service, operation) {
      const fault = active.get(faultKey({ kind: "service-failure-rate", service, operation, probability: 0 }));
      return fault?.kind === "service-failure-rate" ? fault.probability : undefined;
    },
    takeHandlerError(group, now) {
      for (const retryable of [false, true]) {
        if (take(faultKey({ kind: "handler-error", group, count: 0, retryable }), now)) return { retryable };
      }
      return undefined;
    },
    slowMs(group) {
      const fault = active.get(faultKey({ kind: "slow-consumer", group, delayMs: 0 }));
      return fault?.kind === "slow-consumer" ? fault.delayMs : 0;
    },
    takeDuplicate: (group, now) => take(faultKey({ kind: "duplicate-delivery", group, count: 0 }), now) !== undefined,
    relayPaused: () => active.has("relay-paused"),
  };
}
