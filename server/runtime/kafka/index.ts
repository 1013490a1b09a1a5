// Public surface of Kafka mode: settings, the Kafka transport, choosing it from the
// environment, settling, following a shared trace, and the worker process's body.

export { describeKafka, KafkaConfigError, kafkaClientConfig, readKafkaSettings, readTransportMode, type KafkaSettings, type TransportMode } from "./config";
export { createKafkaTransport, type KafkaTransport, type KafkaTransportOptions } from "./kafkaTransport";
export { kafkaModeFromEnvironment, sharedWallClock } from "./mode";
export { kafkaNames, type KafkaNames } from "./naming";
export { NotSettledError, settlingOnKafka, stillMoving, waitUntilSettled, type SettleOptions } from "./settle";
export { KafkaTopicError } from "./topicAdmin";
export { followTrace, type TraceFollower } from "./traceFollower";
export { startWorker, WorkerStartError, type RunningWorker, type WorkerOptions } from "./worker";
export { ATTEMPTS_HEADER, LAST_ERROR_HEADER, MESSAGE_ID_HEADER } from "./wire";
