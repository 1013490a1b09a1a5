"use client";
// A JavaScript snippet editor: CodeMirror 6 with syntax highlighting, line numbers and a label
// screen readers announce. Loaded only in the browser (see CodeField).
import { javascript } from "@codemirror/lang-javascript";
import CodeMirror, { EditorView } from "@uiw/react-codemirror";
import { useMemo } from "react";

export default function CodeEditor({ label, value, onChange, onBlur }: { label: string; value: string; onChange(value: string): void; onBlur(): void }) {
  const extensions = useMemo(() => [javascript(), EditorView.lineWrapping, EditorView.contentAttributes.of({ "aria-label": label })], [label]);
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      extensions={extensions}
      minHeight="90px"
      maxHeight="320px"
      basicSetup={{ lineNumbers: true, foldGutter: false, highlightActiveLine: true, autocompletion: false }}
      className="code-editor"
    />
  );
}
