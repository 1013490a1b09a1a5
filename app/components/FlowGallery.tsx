"use client";
// The gallery: the user's flows and the teaching demos as cards with a preview, an empty state,
// "New flow", "Import a file", and a copy of any demo to edit.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import type { Thumbnail } from "@/server/flow/graphThumbnail";
import { useTRPC } from "../lib/trpc";
import { FlowThumbnail } from "./studio/FlowThumbnail";

export function FlowGallery() {
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const demos = flows.data?.filter((f) => f.isDemo) ?? [];
  const own = flows.data?.filter((f) => !f.isDemo) ?? [];

  return (
    <div className="gallery">
      <section aria-labelledby="own-heading">
        <div className="section-head">
          <h1 id="own-heading">Your flows</h1>
          <div className="gallery-actions">
            <NewFlowForm />
            <ImportButton />
          </div>
        </div>
        {flows.isPending && <p className="muted">Loading flows…</p>}
        {flows.error && <p role="alert" className="error">Could not load flows: {flows.error.message}</p>}
        {flows.isSuccess && own.length === 0 && (
          <div className="empty-state" data-testid="empty-state">
            <h2>No flows yet</h2>
            <p>Design your first event-driven system: name it above and press <strong>Create flow</strong>, import a file, or copy a teaching demo below.</p>
          </div>
        )}
        <FlowCards flows={own} />
      </section>
      {demos.length > 0 && (
        <section aria-labelledby="demo-heading">
          <h2 id="demo-heading">Teaching demos</h2>
          <FlowCards flows={demos} />
        </section>
      )}
    </div>
  );
}

type FlowSummary = { id: string; name: string; description: string; isDemo: boolean; thumbnail: Thumbnail | null };

function useOpenNewFlow() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  return async ({ id }: { id: string }) => {
    await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
    router.push(`/flows/${id}`);
  };
}

function FlowCards({ flows }: { flows: FlowSummary[] }) {
  if (flows.length === 0) return null;
  return (
    <ul className="cards">
      {flows.map((f) => (
        <li key={f.id} className="card" data-testid="flow-card">
          <Link href={`/flows/${f.id}`}>
            <FlowThumbnail thumbnail={f.thumbnail} name={f.name} />
            <span className="card-title">{f.name}</span>
            {f.isDemo && <span className="badge">demo</span>}
            {f.description && <span className="card-desc">{f.description}</span>}
          </Link>
          {f.isDemo && <CopyDemoButton id={f.id} name={f.name} />}
        </li>
      ))}
    </ul>
  );
}

function CopyDemoButton({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const open = useOpenNewFlow();
  const copy = useMutation(trpc.flows.duplicate.mutationOptions({ onSuccess: open }));
  return (
    <div className="card-actions">
      <button type="button" className="secondary small" onClick={() => copy.mutate({ id })} disabled={copy.isPending} aria-label={`Make a copy of ${name}`}>
        Make a copy
      </button>
      {copy.error && <span role="alert" className="error">{copy.error.message}</span>}
    </div>
  );
}

function NewFlowForm() {
  const trpc = useTRPC();
  const open = useOpenNewFlow();
  const [name, setName] = useState("");
  const create = useMutation(trpc.flows.create.mutationOptions({ onSuccess: open }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name });
  };
  return (
    <form className="new-flow" onSubmit={submit}>
      <label htmlFor="new-flow-name">New flow name</label>
      <input id="new-flow-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Checkout" maxLength={120} />
      <button type="submit" disabled={create.isPending}>Create flow</button>
      {create.error && <span role="alert" className="error">{create.error.message}</span>}
    </form>
  );
}

function ImportButton() {
  const trpc = useTRPC();
  const open = useOpenNewFlow();
  const imported = useMutation(trpc.flows.import.mutationOptions({ onSuccess: open }));
  const [readError, setReadError] = useState<string | null>(null);
  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    try {
      setReadError(null);
      imported.mutate({ content: await file.text() });
    } catch (e) {
      setReadError(`Could not read ${file.name}: ${(e as Error).message}`);
    }
  };
  const error = readError ?? imported.error?.message;
  return (
    <div className="import">
      <label className="button secondary file-button">
        Import a file
        <input type="file" accept=".json,application/json" className="visually-hidden" onChange={choose} disabled={imported.isPending} />
      </label>
      {error && <span role="alert" className="error">{error}</span>}
    </div>
  );
}
