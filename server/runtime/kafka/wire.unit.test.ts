import { describe, expect, it } from "vitest";
import { HEADER } from "../../core/messageHeaders";
import { ATTEMPTS_HEADER, LAST_ERROR_HEADER, MESSAGE_ID_HEADER, toDelivery, toKafkaMessage } from "./wire";

describe("runtime messages as Kafka records", () => {
  it("Given an event message, When it goes over the wire and back, Then key, payload, headers and message id survive and due-at becomes the due time", () => {
    const headers = { [HEADER.type]: "bank.account.deposited.v1", [HEADER.correlationId]: "c1", [HEADER.causationId]: "k1", [HEADER.dueAt]: "1500" };
    const record = toKafkaMessage({ messageId: "m1", topic: "bank.account.deposited.v1", key: "a1", headers, payload: '{"type":"x"}' });
    expect(record).toEqual({ key: "a1", value: '{"type":"x"}', headers: { ...headers, [MESSAGE_ID_HEADER]: "m1" } });
    const back = toDelivery(
      "bank.account.deposited.v1",
      { key: Buffer.from("a1"), value: Buffer.from('{"type":"x"}'), headers: { ...headers, [MESSAGE_ID_HEADER]: Buffer.from("m1") }, offset: "41", timestamp: "0", attributes: 0 },
      7,
    );
    expect(back).toEqual({ messageId: "m1", topic: "bank.account.deposited.v1", key: "a1", headers, payload: '{"type":"x"}', offset: 7, dueAt: 1500 });
  });

  it("Given a dead letter, When it goes over the wire, Then it also carries its attempts and last error", () => {
    const errors = [
      { at: 1, name: "Error", message: "timeout", retryable: true },
      { at: 2, name: "PoisonMessage", message: "cannot audit", retryable: false },
    ];
    const record = toKafkaMessage({
      messageId: "m1",
      topic: "_dlq.t.v1",
      key: "a1",
      headers: { [HEADER.originalTopic]: "t.v1", [HEADER.targetGroup]: "auditor", [HEADER.retryCount]: "1", [HEADER.errors]: JSON.stringify(errors) },
      payload: "{}",
    });
    expect(record.headers).toMatchObject({ [ATTEMPTS_HEADER]: "2", [LAST_ERROR_HEADER]: "PoisonMessage: cannot audit", [HEADER.targetGroup]: "auditor" });
  });
});
