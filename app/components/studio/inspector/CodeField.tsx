"use client";
// A labelled code field around the CodeMirror editor, which loads lazily on the client only.
import dynamic from "next/dynamic";
import { useId } from "react";
import { useStudio } from "../studioContext";

const CodeEditor = dynamic(() => import("./CodeEditor"), { ssr: false, loading: () => <p className="muted small">Loading the editor…</p> });

export function CodeField({ label, hint, value, onChange }: { label: string; hint?: string; value: string; onChange(value: string): void }) {
  const id = useId();
  const seal = useStudio((s) => s.sealHistory);
  return (
    <div className="field" data-testid="code-field">
      <span className="field-label" id={id}>{label}</span>
      <CodeEditor label={label} value={value} onChange={onChange} onBlur={seal} />
      {hint && <span className="field-hint">{hint}</span>}
    </div>
  );
}
