"use client";
// The keyboard-shortcut help, a modal dialog listing SHORTCUTS.
import { useEffect, useRef } from "react";
import { SHORTCUTS } from "./shortcuts";

export function HelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="help-heading" onClose={onClose} data-testid="help-dialog">
      <h2 id="help-heading">Keyboard shortcuts</h2>
      <table className="shortcuts">
        <thead><tr><th scope="col">Keys</th><th scope="col">What they do</th></tr></thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.label}>
              <td>{s.keys.map((k, i) => <span key={k}>{i > 0 && " or "}<kbd>{k}</kbd></span>)}</td>
              <td>{s.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </dialog>
  );
}
