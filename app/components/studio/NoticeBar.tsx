"use client";
// The canvas's message line: why a connection or a drop was refused, what was copied. Errors are
// announced as alerts, the rest politely; each goes away after a while or when dismissed.
import { useEffect } from "react";
import { useStudio } from "./studioContext";

const SHOWN_MS = 9000;

export function NoticeBar() {
  const notice = useStudio((s) => s.notice);
  const dismiss = useStudio((s) => s.dismissNotice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(dismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"} data-testid="notice" key={notice.serial}>
      <span>{notice.text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss message" onClick={dismiss}>×</button>
    </div>
  );
}
