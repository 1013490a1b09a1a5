"use client";
// The studio's header: the flow's name (rename), save state, undo/redo, layout, export (JSON, PNG,
// SVG), copy, delete with confirmation, and the shortcut help.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useReactFlow } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import type { Autosaver } from "./autosave";
import { ConfirmDialog } from "./ConfirmDialog";
import { canvasImage, download, fileSlug, type ImageFormat } from "./exportImage";
import type { SaveStatus } from "./store";
import { useStudio } from "./studioContext";

function saveText(status: SaveStatus): string {
  switch (status.state) {
    case "saved": return "All changes saved";
    case "unsaved": return "Unsaved changes…";
    case "saving": return "Saving…";
    case "error": return `Not saved: ${status.message}`;
    case "conflict": return `Not saved: ${status.message}`;
    case "readonly": return "Teaching demo (read-only)";
    default: {
      const unknown: never = status;
      throw new Error(`unknown save status ${JSON.stringify(unknown)}`);
    }
  }
}

function RenameForm({ saver, onDone }: { saver: Autosaver; onDone(): void }) {
  const name = useStudio((s) => s.flow.name);
  const flowId = useStudio((s) => s.flowId);
  const renamed = useStudio((s) => s.renamed);
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const [draft, setDraft] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await saver.run((version) => client.flows.rename.mutate({ id: flowId, version, name: draft }));
      renamed(result.name);
      await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form className="rename" onSubmit={submit}>
      <label htmlFor="rename-flow" className="visually-hidden">Flow name</label>
      <input id="rename-flow" value={draft} maxLength={120} autoFocus onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === "Escape" && onDone()} />
      <button type="submit">Save name</button>
      <button type="button" className="secondary" onClick={onDone}>Cancel</button>
      {error && <span role="alert" className="error">{error}</span>}
    </form>
  );
}

export function StudioHeader({ saver, onHelp }: { saver: Autosaver; onHelp(): void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { getNodes, fitView } = useReactFlow();
  const flowId = useStudio((s) => s.flowId);
  const name = useStudio((s) => s.flow.name);
  const readOnly = useStudio((s) => s.readOnly);
  const save = useStudio((s) => s.save);
  const canUndo = useStudio((s) => s.history.past.length > 0);
  const canRedo = useStudio((s) => s.history.future.length > 0);
  const undo = useStudio((s) => s.undo);
  const redo = useStudio((s) => s.redo);
  const autoLayout = useStudio((s) => s.autoLayout);
  const notify = useStudio((s) => s.notify);
  const [renaming, setRenaming] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
  const duplicate = useMutation(trpc.flows.duplicate.mutationOptions({
    onSuccess: async ({ id }) => {
      await refreshList();
      router.push(`/flows/${id}`);
    },
    onError: (e) => notify(e.message),
  }));
  const remove = useMutation(trpc.flows.delete.mutationOptions({
    onSuccess: async () => {
      await refreshList();
      router.push("/");
    },
    onError: (e) => notify(e.message),
  }));

  const exportJson = async () => {
    try {
      await saver.flush();
      const file = await client.flows.export.query({ id: flowId });
      download(URL.createObjectURL(new Blob([file.content], { type: "application/json" })), file.fileName);
    } catch (e) {
      notify(`Could not export: ${(e as Error).message}`);
    }
  };
  const exportImage = async (format: ImageFormat) => {
    try {
      download(await canvasImage(format, getNodes()), `${fileSlug(name)}.${format}`);
    } catch (e) {
      notify(`Could not export the picture: ${(e as Error).message}`);
    }
  };

  return (
    <div className="studio-head">
      <div className="studio-title">
        {renaming ? <RenameForm saver={saver} onDone={() => setRenaming(false)} /> : (
          <>
            <h1 data-testid="flow-name">{name}</h1>
            {!readOnly && <button type="button" className="secondary small" onClick={() => setRenaming(true)}>Rename</button>}
          </>
        )}
        <span className={`save-status save-${save.state}`} role="status" data-testid="save-status">{saveText(save)}</span>
      </div>
      <div className="toolbar" role="toolbar" aria-label="Flow actions">
        <button type="button" className="secondary" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z">Undo</button>
        <button type="button" className="secondary" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z">Redo</button>
        <button type="button" className="secondary" disabled={readOnly} aria-keyshortcuts="Shift+L"
          onClick={() => { autoLayout(); requestAnimationFrame(() => void fitView({ duration: 200, maxZoom: 1 })); }}>Auto layout</button>
        <details className="menu">
          <summary className="button secondary">Export</summary>
          <div className="menu-items">
            <button type="button" className="secondary" onClick={exportJson}>Flow as JSON</button>
            <button type="button" className="secondary" onClick={() => exportImage("png")}>Picture as PNG</button>
            <button type="button" className="secondary" onClick={() => exportImage("svg")}>Picture as SVG</button>
          </div>
        </details>
        <button type="button" className="secondary" onClick={() => duplicate.mutate({ id: flowId })} disabled={duplicate.isPending}>Make a copy</button>
        {!readOnly && <button type="button" className="secondary danger-outline" onClick={() => setConfirmDelete(true)}>Delete</button>}
        <button type="button" className="secondary" onClick={onHelp} aria-keyshortcuts="?">Help</button>
      </div>
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this flow?"
        body={`"${name}" and its runs will be deleted for good. This cannot be undone.`}
        confirm="Delete flow"
        busy={remove.isPending}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          saver.stop();
          remove.mutate({ id: flowId });
        }}
      />
    </div>
  );
}
