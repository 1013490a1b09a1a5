// Names on the broker: every runtime topic (`domain.entity.event.vN`, `_commands`,
// `_retry.<topic>`, `_dlq.<topic>`...) and consumer group gets the run's prefix
// (KAFKA_TOPIC_PREFIX, `{run}` = run id), so runs sharing a cluster never mix.

import { KafkaConfigError } from "./config";

const LEGAL = /^[A-Za-z0-9._-]+$/;
const MAX_TOPIC = 249;

export interface KafkaNames {
  readonly prefix: string;
  /** The broker topic of a runtime topic. */
  topic(runtimeTopic: string): string;
  /** The runtime topic of a broker topic named by topic(). */
  runtimeTopic(kafkaTopic: string): string;
  /** The broker's consumer group id of a runtime group. */
  group(runtimeGroup: string): string;
}

export function kafkaNames(prefixTemplate: string, runId: string): KafkaNames {
  const prefix = prefixTemplate.replaceAll("{run}", runId);
  if (prefix !== "" && !LEGAL.test(prefix)) {
    throw new KafkaConfigError(
      `Kafka topic names allow only letters, digits, ".", "_" and "-": the prefix "${prefix}" (KAFKA_TOPIC_PREFIX with run id "${runId}") has others.`,
    );
  }
  return {
    prefix,
    topic(runtimeTopic) {
      const name = `${prefix}${runtimeTopic}`;
      if (!LEGAL.test(runtimeTopic) || name.length > MAX_TOPIC) {
        throw new KafkaConfigError(`"${name}" cannot be a Kafka topic: at most ${MAX_TOPIC} letters, digits, ".", "_" or "-".`);
      }
      return name;
    },
    runtimeTopic: (kafkaTopic) => (kafkaTopic.startsWith(prefix) ? kafkaTopic.slice(prefix.length) : kafkaTopic),
    group: (runtimeGroup) => `${prefix}${runtimeGroup}`,
  };
}
