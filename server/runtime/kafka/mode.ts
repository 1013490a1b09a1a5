// Choosing Kafka mode for a run: EVENTLOOM_TRANSPORT=kafka gives the run a Kafka
// transport and the shared wall clock (epoch ms at speed 1), the only clock that
// several processes agree on; otherwise the engine's defaults (in-process bus).

import { liveClock, type LiveClock } from "../../core/clock";
import type { RunStore } from "../../store";
import { readKafkaSettings, readTransportMode } from "./config";
import { createKafkaTransport, type KafkaTransport } from "./kafkaTransport";

/** Wall time in epoch milliseconds at speed 1: due times in headers mean the same in every process. */
export function sharedWallClock(): LiveClock {
  return liveClock({ speed: 1, source: Date.now, start: Date.now() });
}

export interface RunTransport {
  transport: KafkaTransport;
  clock: LiveClock;
}

/** Kafka mode's transport and clock for the process owning a run, or undefined in in-process mode. Throws KafkaConfigError on bad settings. */
export function runTransportFromEnvironment(source: Record<string, string | undefined>, store: RunStore): RunTransport | undefined {
  if (readTransportMode(source) !== "kafka") return undefined;
  const settings = readKafkaSettings(source);
  const clock = sharedWallClock();
  return { transport: createKafkaTransport({ settings, store, clock }), clock };
}
