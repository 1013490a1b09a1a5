"use client";
// A modal yes/no question (deleting a flow), with the safe answer focused first.
import { useEffect, useRef } from "react";

export function ConfirmDialog({ open, title, body, confirm, onConfirm, onCancel, busy }: {
  open: boolean; title: string; body: string; confirm: string; onConfirm(): void; onCancel(): void; busy?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      cancel.current?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="confirm-heading" aria-describedby="confirm-body" onClose={onCancel} data-testid="confirm-dialog">
      <h2 id="confirm-heading">{title}</h2>
      <p id="confirm-body">{body}</p>
      <div className="dialog-actions">
        <button type="button" ref={cancel} className="secondary" onClick={onCancel}>Cancel</button>
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>{confirm}</button>
      </div>
    </dialog>
  );
}
