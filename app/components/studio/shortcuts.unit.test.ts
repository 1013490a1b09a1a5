// Shortcut matching: Ctrl or Cmd, Shift where it matters, "?" however the keyboard types it.
import { describe, expect, it } from "vitest";
import { shortcutAction, type KeyPress } from "./shortcuts";

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe("shortcutAction", () => {
  it("given Ctrl+Z and Cmd+Z, then undo; with Shift, redo; Ctrl+Y redoes too", () => {
    expect(shortcutAction(press("z", { ctrlKey: true }))).toBe("undo");
    expect(shortcutAction(press("z", { metaKey: true }))).toBe("undo");
    expect(shortcutAction(press("Z", { ctrlKey: true, shiftKey: true }))).toBe("redo");
    expect(shortcutAction(press("y", { ctrlKey: true }))).toBe("redo");
  });

  it("given plain letters, then nothing; Shift+L lays out; ? helps", () => {
    expect(shortcutAction(press("z"))).toBeNull();
    expect(shortcutAction(press("c", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutAction(press("L", { shiftKey: true }))).toBe("layout");
    expect(shortcutAction(press("?", { shiftKey: true }))).toBe("help");
    expect(shortcutAction(press("v", { ctrlKey: true }))).toBe("paste");
  });
});
