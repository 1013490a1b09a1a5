// Kafka mode's settings, read from the environment and validated with zod: brokers,
// client id, SASL and TLS passed through to kafkajs, topic naming and tuning. Errors
// name the variable and never repeat a secret; describeKafka() is safe to log.

import { readFileSync } from "node:fs";
import type { KafkaConfig, SASLOptions } from "kafkajs";
import { z } from "zod";

/** A setting is missing or wrong; the message names the variables, never a secret's value. */
export class KafkaConfigError extends Error {
  override readonly name = "KafkaConfigError";
}

export type TransportMode = "in-process" | "kafka";

export type SaslMechanism = "plain" | "scram-sha-256" | "scram-sha-512";

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  ssl: boolean;
  /** PEM file of the certificate authority that signed the brokers' certificates. */
  sslCaFile?: string;
  sslRejectUnauthorized: boolean;
  /** Put before every runtime topic and group name; `{run}` stands for the run id. */
  topicPrefix: string;
  /** Partitions of the topics Eventloom creates. */
  partitions: number;
  /** Replication factor of the topics Eventloom creates; -1 = the broker's default. */
  replicationFactor: number;
  /** How often handled offsets are committed (ms); 0 = after every message. */
  commitIntervalMs: number;
  /** Groups the process owning the run leaves to worker processes (`npm run worker`). */
  workerGroups: string[];
}

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:.]+\]:\d{1,5}$/;
const list = (text: string) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      if (/^(1|true|yes|on)$/i.test(value.trim())) return true;
      if (/^(0|false|no|off)$/i.test(value.trim())) return false;
      ctx.addIssue({ code: "custom", message: "must be 1 or 0 (true/false)" });
      return z.NEVER;
    });
const integer = (fallback: number, min: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const parsed = Number(value);
      if (Number.isInteger(parsed) && parsed >= min) return parsed;
      ctx.addIssue({ code: "custom", message: `must be a whole number of at least ${min}` });
      return z.NEVER;
    });

const schema = z
  .object({
    KAFKA_BROKERS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const brokers = list(value ?? "127.0.0.1:9092");
        const bad = brokers.filter((broker) => !BROKER.test(broker));
        if (brokers.length === 0) ctx.addIssue({ code: "custom", message: "names no broker; give host:port[,host:port...]" });
        if (bad.length > 0) ctx.addIssue({ code: "custom", message: `${bad.map((b) => `"${b}"`).join(", ")} is not host:port` });
        return brokers;
      }),
    KAFKA_CLIENT_ID: z.string().trim().min(1, "must not be empty").default("eventloom"),
    KAFKA_SASL_MECHANISM: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value.trim() === "") return undefined;
        const mechanism = value.trim().toLowerCase();
        if (mechanism === "plain" || mechanism === "scram-sha-256" || mechanism === "scram-sha-512") return mechanism as SaslMechanism;
        ctx.addIssue({ code: "custom", message: "must be plain, scram-sha-256 or scram-sha-512" });
        return z.NEVER;
      }),
    KAFKA_SASL_USERNAME: z.string().optional(),
    KAFKA_SASL_PASSWORD: z.string().optional(),
    KAFKA_SSL: flag(false),
    KAFKA_SSL_CA_FILE: z.string().optional(),
    KAFKA_SSL_REJECT_UNAUTHORIZED: flag(true),
    KAFKA_TOPIC_PREFIX: z.string().default("eventloom.{run}."),
    KAFKA_PARTITIONS: integer(3, 1),
    KAFKA_REPLICATION_FACTOR: integer(-1, -1),
    KAFKA_COMMIT_INTERVAL_MS: integer(100, 0),
    EVENTLOOM_WORKER_GROUPS: z
      .string()
      .optional()
      .transform((value) => list(value ?? "")),
  })
  .superRefine((env, ctx) => {
    const user = env.KAFKA_SASL_USERNAME ?? "";
    const password = env.KAFKA_SASL_PASSWORD ?? "";
    if (env.KAFKA_SASL_MECHANISM && (user === "" || password === "")) {
      ctx.addIssue({ code: "custom", path: ["KAFKA_SASL_MECHANISM"], message: "needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD" });
    }
    if (!env.KAFKA_SASL_MECHANISM && (user !== "" || password !== "")) {
      ctx.addIssue({ code: "custom", path: ["KAFKA_SASL_MECHANISM"], message: "is required when a SASL username or password is given (plain, scram-sha-256 or scram-sha-512)" });
    }
    if (env.KAFKA_REPLICATION_FACTOR === 0) ctx.addIssue({ code: "custom", path: ["KAFKA_REPLICATION_FACTOR"], message: "must be -1 (broker default) or at least 1" });
    if (env.KAFKA_SSL_CA_FILE && !env.KAFKA_SSL) ctx.addIssue({ code: "custom", path: ["KAFKA_SSL_CA_FILE"], message: "is only used with KAFKA_SSL=1" });
  });

/** EVENTLOOM_TRANSPORT: `in-process` (default) or `kafka`. */
export function readTransportMode(source: Record<string, string | undefined>): TransportMode {
  const value = (source.EVENTLOOM_TRANSPORT ?? "").trim().toLowerCase();
  if (value === "" || value === "in-process" || value === "inprocess") return "in-process";
  if (value === "kafka") return "kafka";
  throw new KafkaConfigError(`Invalid environment: EVENTLOOM_TRANSPORT must be "in-process" or "kafka", not "${value}".`);
}

/** The Kafka settings of `source` (the process environment), or a KafkaConfigError listing every problem. */
export function readKafkaSettings(source: Record<string, string | undefined>): KafkaSettings {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");
    throw new KafkaConfigError(`Invalid Kafka settings: ${problems}.`);
  }
  const env = parsed.data;
  return {
    brokers: env.KAFKA_BROKERS,
    clientId: env.KAFKA_CLIENT_ID,
    ...(env.KAFKA_SASL_MECHANISM
      ? { sasl: { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME ?? "", password: env.KAFKA_SASL_PASSWORD ?? "" } }
      : {}),
    ssl: env.KAFKA_SSL,
    ...(env.KAFKA_SSL_CA_FILE ? { sslCaFile: env.KAFKA_SSL_CA_FILE } : {}),
    sslRejectUnauthorized: env.KAFKA_SSL_REJECT_UNAUTHORIZED,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    partitions: env.KAFKA_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    commitIntervalMs: env.KAFKA_COMMIT_INTERVAL_MS,
    workerGroups: env.EVENTLOOM_WORKER_GROUPS,
  };
}

/** The kafkajs client options of `settings` (reads the CA file). */
export function kafkaClientConfig(settings: KafkaSettings): Pick<KafkaConfig, "brokers" | "clientId" | "ssl" | "sasl"> {
  let ssl: KafkaConfig["ssl"] = false;
  if (settings.ssl) {
    let ca: string | undefined;
    if (settings.sslCaFile) {
      try {
        ca = readFileSync(settings.sslCaFile, "utf8");
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
        throw new KafkaConfigError(`Invalid Kafka settings: KAFKA_SSL_CA_FILE ${settings.sslCaFile} cannot be read (${code}).`);
      }
    }
    ssl = { rejectUnauthorized: settings.sslRejectUnauthorized, ...(ca ? { ca: [ca] } : {}) };
  }
  const sasl: SASLOptions | undefined = settings.sasl
    ? ({ mechanism: settings.sasl.mechanism, username: settings.sasl.username, password: settings.sasl.password } as SASLOptions)
    : undefined;
  return { brokers: settings.brokers, clientId: settings.clientId, ssl, ...(sasl ? { sasl } : {}) };
}

/** One line about where Kafka mode connects, without the password. */
export function describeKafka(settings: KafkaSettings): string {
  const auth = settings.sasl ? `SASL ${settings.sasl.mechanism} as ${settings.sasl.username}` : "no SASL";
  const tls = settings.ssl ? `TLS${settings.sslCaFile ? ` (CA ${settings.sslCaFile})` : ""}` : "no TLS";
  return `brokers ${settings.brokers.join(",")}, client id ${settings.clientId}, ${auth}, ${tls}`;
}
