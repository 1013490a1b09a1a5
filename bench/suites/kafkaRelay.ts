// Suite `kafka-relay` (waiting for its code): the outbox relay publishing to a real
// broker must reach half the rate of kafkajs producing the same messages directly.
// When it lands: contenders "relay" (claim outbox rows, publish, mark published)
// and "kafkajs" (a bare producer sending the same messages), against
// 127.0.0.1:9092 started by `npm run kafka:start`; skip when the broker is down.

import { notBuiltYet } from "../harness/notBuiltYet";

export const kafkaRelaySuite = notBuiltYet({
  name: "kafka-relay",
  title: "Outbox relay to Kafka vs kafkajs producing the same messages directly",
  targets: [{ kind: "ratio", comparison: "relay", of: "relay", vs: "kafkajs", basis: "rate", atLeast: 0.5, source: "issue #9" }],
  needs: "the Kafka bus and outbox relay in server/runtime, and a broker up on 127.0.0.1:9092 (npm run kafka:start)",
});
