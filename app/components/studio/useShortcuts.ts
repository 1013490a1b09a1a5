// The studio's keyboard shortcuts on the page (outside text fields and dialogs), from shortcuts.ts.
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import { shortcutAction, type ShortcutAction } from "./shortcuts";
import { useStudioStore } from "./studioContext";

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest("dialog[open]") !== null;
}

export function useShortcuts(onHelp: () => void): void {
  const store = useStudioStore();
  const { fitView } = useReactFlow();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typing(event.target)) return;
      const action = shortcutAction(event);
      if (!action) return;
      const studio = store.getState();
      if (action === "copy" && studio.selected.length === 0) return; // let the browser copy selected text
      event.preventDefault();
      const run: Record<ShortcutAction, () => void> = {
        undo: studio.undo,
        redo: studio.redo,
        copy: studio.copy,
        paste: studio.paste,
        selectAll: studio.selectAll,
        layout: () => {
          studio.autoLayout();
          requestAnimationFrame(() => void fitView({ duration: 200, maxZoom: 1 }));
        },
        fit: () => void fitView({ duration: 200, maxZoom: 1 }),
        help: onHelp,
      };
      run[action]();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, fitView, onHelp]);
}
