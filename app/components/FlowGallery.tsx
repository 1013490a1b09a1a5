"use client";
// The gallery: demos and the user's flows as cards, an empty state, and "New flow".
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../lib/trpc";

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
          <NewFlowForm />
        </div>
        {flows.isPending && <p className="muted">Loading flows…</p>}
        {flows.error && <p role="alert" className="error">Could not load flows: {flows.error.message}</p>}
        {flows.isSuccess && own.length === 0 && (
          <div className="empty-state" data-testid="empty-state">
            <h2>No flows yet</h2>
            <p>Design your first event-driven system: name it above and press <strong>Create flow</strong>, or open a teaching demo below.</p>
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

type FlowSummary = { id: string; name: string; description: string; isDemo: boolean };

function FlowCards({ flows }: { flows: FlowSummary[] }) {
  if (flows.length === 0) return null;
  return (
    <ul className="cards">
      {flows.map((f) => (
        <li key={f.id} className="card" data-testid="flow-card">
          <Link href={`/flows/${f.id}`}>
            <span className="card-title">{f.name}</span>
            {f.isDemo && <span className="badge">demo</span>}
            {f.description && <span className="card-desc">{f.description}</span>}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function NewFlowForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.flows.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        router.push(`/flows/${id}`);
      },
    }),
  );
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
