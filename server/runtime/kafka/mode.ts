// Choosing Kafka mode: EVENTLOOM_TRANSPORT=kafka gives the process owning a run (the studio's
// run host) the validated Kafka settings for its runs' transport; otherwise nothing, and runs
// use the engine's in-process bus. Every process of a Kafka run keeps the shared wall clock
// (epoch ms at speed 1), the only clock several processes agree on.

import { liveClock, type LiveClock } from "../../core/clock";
import { readKafkaSettings, readTransportMode, type KafkaSettings } from "./config";

/** Wall time in epoch milliseconds at speed 1: due times in headers mean the same in every process. */
export function sharedWallClock(): LiveClock {
  return liveClock({ speed: 1, source: Date.now, start: Date.now() });
}

/** The Kafka settings when `source` (the process environment) selects Kafka mode, else undefined. Throws KafkaConfigError on bad settings. */
export function kafkaModeFromEnvironment(source: Record<string, string | undefined>): KafkaSettings | undefined {
  return readTransportMode(source) === "kafka" ? readKafkaSettings(source) : undefined;
}
