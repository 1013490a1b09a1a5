import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeKafka, KafkaConfigError, kafkaClientConfig, readKafkaSettings, readTransportMode } from "./config";
import { kafkaNames } from "./naming";

describe("Kafka settings from the environment", () => {
  it("Given nothing set, When read, Then the local broker, client id eventloom, the run prefix and no SASL or TLS", () => {
    const settings = readKafkaSettings({});
    expect(settings).toEqual({
      brokers: ["127.0.0.1:9092"],
      clientId: "eventloom",
      ssl: false,
      sslRejectUnauthorized: true,
      topicPrefix: "eventloom.{run}.",
      partitions: 3,
      replicationFactor: -1,
      commitIntervalMs: 100,
      workerGroups: [],
    });
    expect(readTransportMode({})).toBe("in-process");
    expect(readTransportMode({ EVENTLOOM_TRANSPORT: "kafka" })).toBe("kafka");
  });

  it("Given a cluster with SCRAM and TLS with a CA file, When read, Then kafkajs gets them passed through, and the description hides the password", () => {
    const dir = mkdtempSync(join(tmpdir(), "eventloom-kafka-ca-"));
    writeFileSync(join(dir, "ca.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    const settings = readKafkaSettings({
      KAFKA_BROKERS: "kafka-1.example.com:9093, kafka-2.example.com:9093",
      KAFKA_CLIENT_ID: "eventloom-prod",
      KAFKA_SASL_MECHANISM: "SCRAM-SHA-512",
      KAFKA_SASL_USERNAME: "alice",
      KAFKA_SASL_PASSWORD: "s3cret-pw",
      KAFKA_SSL: "1",
      KAFKA_SSL_CA_FILE: join(dir, "ca.pem"),
      EVENTLOOM_WORKER_GROUPS: "billing, service:Payment",
    });
    const client = kafkaClientConfig(settings);
    expect(client.brokers).toEqual(["kafka-1.example.com:9093", "kafka-2.example.com:9093"]);
    expect(client.sasl).toEqual({ mechanism: "scram-sha-512", username: "alice", password: "s3cret-pw" });
    expect(client.ssl).toEqual({ rejectUnauthorized: true, ca: ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"] });
    expect(settings.workerGroups).toEqual(["billing", "service:Payment"]);
    expect(describeKafka(settings)).toContain("SASL scram-sha-512 as alice");
    expect(describeKafka(settings)).not.toContain("s3cret-pw");
  });

  it("Given wrong settings, When read, Then one error names every variable at fault and never repeats the password", () => {
    const read = () =>
      readKafkaSettings({ KAFKA_BROKERS: "no-port", KAFKA_SASL_MECHANISM: "kerberos", KAFKA_SASL_PASSWORD: "s3cret-pw", KAFKA_SSL: "maybe", KAFKA_PARTITIONS: "0" });
    expect(read).toThrow(KafkaConfigError);
    const message = (() => {
      try {
        read();
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    for (const name of ["KAFKA_BROKERS", "KAFKA_SASL_MECHANISM", "KAFKA_SSL", "KAFKA_PARTITIONS"]) expect(message).toContain(name);
    expect(message).not.toContain("s3cret-pw");
    expect(() => readKafkaSettings({ KAFKA_SASL_USERNAME: "alice" })).toThrow(/KAFKA_SASL_MECHANISM is required/);
    expect(() => readTransportMode({ EVENTLOOM_TRANSPORT: "rabbit" })).toThrow(/must be "in-process" or "kafka"/);
    expect(() => kafkaClientConfig(readKafkaSettings({ KAFKA_SSL: "1", KAFKA_SSL_CA_FILE: "/nowhere/ca.pem" }))).toThrow(/cannot be read \(ENOENT\)/);
  });

  it("Given a prefix with the run id, When names are made, Then topics and groups are the flow's names behind it, and illegal names are refused", () => {
    const names = kafkaNames("eventloom.{run}.", "run-7");
    expect(names.topic("bank.account.deposited.v1")).toBe("eventloom.run-7.bank.account.deposited.v1");
    expect(names.topic("_retry.bank.account.deposited.v1")).toBe("eventloom.run-7._retry.bank.account.deposited.v1");
    expect(names.runtimeTopic("eventloom.run-7._dlq.x.v1")).toBe("_dlq.x.v1");
    expect(names.group("service:Payment")).toBe("eventloom.run-7.service:Payment");
    expect(kafkaNames("", "r").topic("orders.order.placed.v1")).toBe("orders.order.placed.v1");
    expect(() => kafkaNames("eventloom.{run}.", "run 7")).toThrow(/only letters, digits/);
  });
});
