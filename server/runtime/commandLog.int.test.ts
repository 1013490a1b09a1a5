// The run's command log is written in the transaction that commits the command's outcome: a
// crash (or a failed write) keeps both the outcome and its record, or neither.
import { afterEach, describe, expect, it } from "vitest";
import { deposit, open, withdraw } from "../core/testing/bank";
import { COMMANDS_GROUP } from "./commands";
import { bankSystem, startHarness, type Harness } from "./testing/systems";

let harness: Harness;
afterEach(async () => harness.cleanup());

/** Makes every write to run_commands fail, as a full disk would in the middle of the transaction. */
function breakCommandLog(h: Harness): void {
  h.temp.db.exec("CREATE TRIGGER no_command_log BEFORE INSERT ON run_commands BEGIN SELECT RAISE(ABORT, 'disk full'); END");
}

describe("engine: the command log commits with the outcome", () => {
  it("Given recorded dispatches, When accepted, rejected and repeated, Then each is in the log in order with its status; unrecorded ones are not", async () => {
    harness = startHarness(bankSystem());
    const { engine, store } = harness;
    await engine.dispatch(open("a1"), { record: true, messageId: "c1" });
    await engine.dispatch(withdraw("a1", 50), { record: true, messageId: "c2", correlationId: "flow-2" });
    await engine.dispatch(open("a1"), { record: true, messageId: "c1" });
    await engine.dispatch(deposit("a1", 5), { messageId: "c3" });
    expect(store.commands.list().map(({ seq, messageId, correlationId, status, message, command }) => ({ seq, messageId, correlationId, status, message, type: command.type }))).toEqual([
      { seq: 1, messageId: "c1", correlationId: "c1", status: "accepted", message: null, type: "Open" },
      { seq: 2, messageId: "c2", correlationId: "flow-2", status: "rejected", message: "Insufficient funds: the balance is 0, the withdrawal 50.", type: "Withdraw" },
      { seq: 3, messageId: "c1", correlationId: "c1", status: "duplicate", message: null, type: "Open" },
    ]);
    expect(store.commands.count()).toBe(3);
  });

  it("Given the command log cannot be written, When a recorded command would be accepted, Then it fails whole: no event, no processed id, no record; once writable it is accepted", async () => {
    harness = startHarness(bankSystem());
    const { engine, store, temp } = harness;
    breakCommandLog(harness);
    await expect(engine.dispatch(open("a1"), { record: true, messageId: "c1" })).rejects.toThrow("disk full");
    expect(engine.readStream("account-a1")).toEqual([]);
    expect(store.processed.has(COMMANDS_GROUP, "c1")).toBe(false);
    expect(store.outbox.pendingCount()).toBe(0);

    temp.db.exec("DROP TRIGGER no_command_log");
    expect(await engine.dispatch(open("a1"), { record: true, messageId: "c1" })).toMatchObject({ status: "accepted" });
    expect(store.commands.list().map((c) => [c.seq, c.messageId, c.status])).toEqual([[1, "c1", "accepted"]]);
  });

  it("Given the command log cannot be written, When a recorded command is rejected, Then the rejection is not marked handled either", async () => {
    harness = startHarness(bankSystem());
    const { engine, store } = harness;
    breakCommandLog(harness);
    await expect(engine.dispatch(withdraw("a1", 50), { record: true, messageId: "c1" })).rejects.toThrow("disk full");
    expect(store.processed.has(COMMANDS_GROUP, "c1")).toBe(false);
  });
});
