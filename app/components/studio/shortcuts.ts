// The studio's keyboard shortcuts: one list, read by the key handler and by the help dialog.
// "Ctrl" means Ctrl, or Cmd on a Mac.

export type ShortcutAction = "undo" | "redo" | "copy" | "paste" | "selectAll" | "layout" | "fit" | "help";

export interface Shortcut {
  keys: string[];
  label: string;
  /** null: handled by the canvas itself (listed for the help dialog). */
  action: ShortcutAction | null;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ["Ctrl+Z"], label: "Undo", action: "undo" },
  { keys: ["Ctrl+Shift+Z", "Ctrl+Y"], label: "Redo", action: "redo" },
  { keys: ["Ctrl+C"], label: "Copy the selected elements", action: "copy" },
  { keys: ["Ctrl+V"], label: "Paste them (again and again)", action: "paste" },
  { keys: ["Ctrl+A"], label: "Select everything", action: "selectAll" },
  { keys: ["Delete", "Backspace"], label: "Delete the selected elements or connections", action: null },
  { keys: ["Shift+Click"], label: "Add a node to the selection, or take it out", action: null },
  { keys: ["Shift+Drag"], label: "Select everything inside a box", action: null },
  { keys: ["Tab, then Enter"], label: "Move the focus to a node, then select it", action: null },
  { keys: ["Arrow keys"], label: "Move the selected nodes", action: null },
  { keys: ["Shift+L"], label: "Lay the flow out automatically", action: "layout" },
  { keys: ["Shift+F"], label: "Fit the whole flow in view", action: "fit" },
  { keys: ["?"], label: "Show this help", action: "help" },
  { keys: ["Escape"], label: "Close a dialog", action: null },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

function matches(combo: string, press: KeyPress): boolean {
  const parts = combo.split("+");
  const key = parts.pop()!;
  const ctrl = parts.includes("Ctrl");
  const shift = parts.includes("Shift");
  if (press.altKey || ctrl !== (press.ctrlKey || press.metaKey)) return false;
  if (key === "?") return press.key === "?";
  return shift === press.shiftKey && press.key.toLowerCase() === key.toLowerCase();
}

/** The studio action a key press asks for, if any. */
export function shortcutAction(press: KeyPress): ShortcutAction | null {
  for (const shortcut of SHORTCUTS) if (shortcut.action && shortcut.keys.some((combo) => matches(combo, press))) return shortcut.action;
  return null;
}
