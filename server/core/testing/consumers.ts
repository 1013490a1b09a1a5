// Test consumers: a poison-message auditor (non-retryable on amount 13,
// transient failures on amount 7 for its first two attempts), and two mailers on
// account openings, one idempotent and one not, calling a non-idempotent Mailer.

import { HandlerError, type ConsumerDefinition, type RetryPolicyDefinition, type ServiceDefinition } from "../definitions";
import { ACCOUNT_OPENED, DEPOSITED } from "./bank";

export const testRetryPolicy: RetryPolicyDefinition = {
  maxAttempts: 3,
  initialMs: 100,
  multiplier: 2,
  maxMs: 1_000,
  jitter: 0.5,
  nonRetryable: ["PoisonMessage"],
};

export const auditorConsumer: ConsumerDefinition = {
  group: "auditor",
  topics: [DEPOSITED],
  retry: testRetryPolicy,
  deadLetter: true,
  idempotent: true,
  handle(message) {
    const amount = message.data.amount as number;
    if (amount === 13) throw new HandlerError("PoisonMessage", "Deposits of 13 cannot be audited.");
    if (amount === 7 && message.attempt < 3) throw new Error(`Audit service timed out (attempt ${message.attempt}).`);
    if (amount === 99) throw new Error("Always fails.");
    return [];
  },
};

export const mailerService: ServiceDefinition = {
  name: "Mailer",
  operations: [
    { name: "send", latencyMs: 5, failureRate: 0, idempotent: false, successEvent: "mail.sent.v1", failureEvent: "mail.bounced.v1" },
  ],
};

const mailer = (group: string, idempotent: boolean): ConsumerDefinition => ({
  group,
  topics: [ACCOUNT_OPENED],
  retry: testRetryPolicy,
  deadLetter: true,
  idempotent,
  handle: (message) => [{ kind: "call", service: "Mailer", operation: "send", key: message.key, data: { to: message.data.owner ?? "", by: group } }],
});

export const idempotentMailer = mailer("mailer-idempotent", true);
export const plainMailer = mailer("mailer-plain", false);
