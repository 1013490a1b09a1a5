// The autosaver with a hand-driven timer and a fake server: one save after a burst of edits, versions
// carried forward, writes queued behind saves, errors kept for retry, conflicts stop saving.
import { describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, FlowSchema, type Flow } from "@/server/flow/schema";
import { Autosaver } from "./autosave";
import type { SaveStatus } from "./store";

const doc = (name: string): Flow => FlowSchema.parse({ schemaVersion: FLOW_SCHEMA_VERSION, name });

function harness(fail?: (call: number) => Error | undefined) {
  const timers: (() => Promise<void>)[] = [];
  const saves: { name: string; version: number }[] = [];
  const statuses: SaveStatus["state"][] = [];
  const saver = new Autosaver({
    async save(document, version) {
      const error = fail?.(saves.length + 1);
      saves.push({ name: document.name, version });
      if (error) throw error;
      return { version: version + 1 };
    },
    schedule(fn) {
      timers.push(fn);
      return () => { const i = timers.indexOf(fn); if (i >= 0) timers.splice(i, 1); };
    },
    onStatus: (s) => statuses.push(s.state),
  }, 1);
  const tick = async () => { for (const fn of timers.splice(0)) await fn(); };
  return { saver, saves, statuses, tick, timers };
}

describe("Autosaver", () => {
  it("given a burst of edits, when the timer fires, then only the last document is saved, with the version it was based on", async () => {
    const h = harness();
    h.saver.changed(doc("a"));
    h.saver.changed(doc("ab"));
    h.saver.changed(doc("abc"));
    expect(h.timers).toHaveLength(1);
    await h.tick();
    h.saver.changed(doc("abcd"));
    await h.tick();
    expect(h.saves).toEqual([{ name: "abc", version: 1 }, { name: "abcd", version: 2 }]);
    expect(h.statuses.at(-1)).toBe("saved");
  });

  it("given a rename while an edit is pending, then the edit is saved first and the rename gets the next version", async () => {
    const h = harness();
    h.saver.changed(doc("edited"));
    const renamed = await h.saver.run(async (version) => ({ version: version + 1, seen: version }));
    expect(h.saves).toEqual([{ name: "edited", version: 1 }]);
    expect(renamed).toEqual({ version: 3, seen: 2 });
    h.saver.changed(doc("after"));
    await h.tick();
    expect(h.saves.at(-1)).toEqual({ name: "after", version: 3 });
  });

  it("given the server is unreachable, then the status says so and the next save retries the document", async () => {
    const h = harness((call) => (call === 1 ? new Error("fetch failed") : undefined));
    h.saver.changed(doc("x"));
    await h.tick();
    expect(h.statuses.at(-1)).toBe("error");
    expect(h.saver.hasUnsaved).toBe(true);
    await h.saver.flush();
    expect(h.saves.map((s) => s.version)).toEqual([1, 1]);
    expect(h.statuses.at(-1)).toBe("saved");
  });

  it("given a conflict, then saving stops and says so", async () => {
    const conflict = Object.assign(new Error("changed elsewhere"), { data: { code: "CONFLICT" } });
    const h = harness(() => conflict);
    h.saver.changed(doc("x"));
    await h.tick();
    h.saver.changed(doc("y"));
    expect(h.timers).toHaveLength(0);
    expect(h.statuses.at(-1)).toBe("conflict");
  });
});
