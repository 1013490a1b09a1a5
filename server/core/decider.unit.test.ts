import { describe, expect, it } from "vitest";
import { decide, evolveAll, MAX_EVENTS_PER_COMMAND, snapshotDue, streamIdOf } from "./decider";
import type { DecideContext, NewEvent } from "./definitions";
import { accountAggregate, ACCOUNT_OPENED, DEPOSITED, deposit, open, withdraw } from "./testing/bank";
import { createUpcasters } from "./upcasting";

const ctx: DecideContext = { now: 0, aggregateId: "a1", metadata: { messageId: "m", correlationId: "m", causationId: "m" } };
const account = accountAggregate();
const noUpcasters = createUpcasters([]);
const given = (events: NewEvent[]) => evolveAll(account, noUpcasters, account.initialState, events);

describe("decider (bank account)", () => {
  it("given an open account with 30, when withdrawing 20, then a withdrawn event and the new state", async () => {
    const state = given([{ type: ACCOUNT_OPENED, data: { owner: "Ada" } }, { type: DEPOSITED, data: { amount: 30 } }]);
    const decision = await decide(account, state, withdraw("a1", 20), ctx);
    expect(decision).toEqual({
      kind: "accepted",
      events: [{ type: "bank.account.withdrawn.v1", data: { amount: 20 } }],
      state: { open: true, owner: "Ada", balance: 10, transactions: 2 },
    });
  });

  it("given an open account with 30, when withdrawing 50, then it is rejected with insufficient funds", async () => {
    const state = given([{ type: ACCOUNT_OPENED, data: { owner: "Ada" } }, { type: DEPOSITED, data: { amount: 30 } }]);
    expect(await decide(account, state, withdraw("a1", 50), ctx)).toEqual({
      kind: "rejected",
      message: "Insufficient funds: the balance is 30, the withdrawal 50.",
    });
  });

  it("given no account, when depositing, then rejected; when opening twice, then rejected", async () => {
    expect(await decide(account, account.initialState, deposit("a1", 5), ctx)).toMatchObject({ kind: "rejected", message: "The account is not open." });
    const opened = given([{ type: ACCOUNT_OPENED, data: { owner: "Ada" } }]);
    expect(await decide(account, opened, open("a1"), ctx)).toMatchObject({ kind: "rejected", message: "The account is already open." });
  });

  it("given a decide that throws or is async, then a throw reads as a rejection and a promise is awaited", async () => {
    const throwing = { ...account, decide: () => { throw new Error("bad expression"); } };
    expect(await decide(throwing, account.initialState, open("a1"), ctx)).toEqual({ kind: "rejected", message: "Account could not decide Open: bad expression" });
    const asynchronous = { ...account, decide: async () => [{ type: ACCOUNT_OPENED, data: { owner: "Async" } }] };
    expect(await decide(asynchronous, account.initialState, open("a1"), ctx)).toMatchObject({ kind: "accepted", state: { owner: "Async" } });
  });

  it("names streams by prefix and knows when a snapshot is due", () => {
    expect(streamIdOf(account, "42")).toBe("account-42");
    const every5 = accountAggregate(5);
    expect(snapshotDue(every5, 3, 4)).toBe(false);
    expect(snapshotDue(every5, 4, 5)).toBe(true);
    expect(snapshotDue(every5, 4, 11)).toBe(true);
    expect(snapshotDue(account, 4, 5)).toBe(false);
  });

  it("given a decision of more events than a command may append, when decided, then it is refused with the limit", async () => {
    const flood = { ...account, decide: () => Array.from({ length: MAX_EVENTS_PER_COMMAND + 1 }, () => ({ type: DEPOSITED, data: { amount: 1 } })) };
    expect(await decide(flood, account.initialState, deposit("a1", 1), ctx)).toEqual({
      kind: "rejected",
      message: `Account decided ${MAX_EVENTS_PER_COMMAND + 1} events for Deposit; a command may append at most ${MAX_EVENTS_PER_COMMAND}.`,
    });
    const exactly = { ...account, decide: () => Array.from({ length: MAX_EVENTS_PER_COMMAND }, () => ({ type: DEPOSITED, data: { amount: 1 } })) };
    expect(await decide(exactly, { ...account.initialState, open: true }, deposit("a1", 1), ctx)).toMatchObject({ kind: "accepted" });
  });
});
