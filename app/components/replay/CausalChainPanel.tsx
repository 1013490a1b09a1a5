"use client";
// The causal chain of the selected message: its ancestors from the root down, the message, and
// everything it caused (breadth-first), each with its kind and summary; events jump the timeline.
import { useQuery } from "@tanstack/react-query";
import { memo } from "react";
import { useTRPC } from "../../lib/trpc";
import type { ChainLink } from "./types";

function Link({ link, current, role, onJump }: { link: ChainLink; current: boolean; role: "ancestor" | "message" | "descendant"; onJump(index: number): void }) {
  return (
    <li className={`chain-link chain-${role}${current ? " is-current" : ""}`} style={{ marginLeft: role === "descendant" ? `${Math.min(link.depth - 1, 6) * 0.75}rem` : undefined }}>
      <span className="chain-kind">{link.kind}</span>
      <span className="chain-summary">{link.summary}</span>
      {link.index !== null ? (
        <button type="button" className="link small" onClick={() => onJump(link.index!)}>#{link.index}</button>
      ) : (
        <span className="muted small mono" title={link.messageId}>{link.messageId.slice(0, 10)}</span>
      )}
    </li>
  );
}

export const CausalChainPanel = memo(function CausalChainPanel({ runId, messageId, position, onJump }: { runId: string; messageId: string | null; position: number; onJump(index: number): void }) {
  const trpc = useTRPC();
  const chain = useQuery({ ...trpc.timeline.causalChain.queryOptions({ runId, messageId: messageId ?? "" }), enabled: messageId !== null, staleTime: 5_000 });
  if (messageId === null) return <p className="muted small">Choose an event in the log, or step to one, to see what caused it and what it caused.</p>;
  if (chain.isPending) return <p className="muted small">Loading…</p>;
  if (chain.error) return <p role="alert" className="error small">{chain.error.message}</p>;
  if (!chain.data) return <p className="muted small">No trace of this message.</p>;
  const { ancestors, message, descendants } = chain.data;
  return (
    <div className="causal-chain" data-testid="causal-chain">
      <h4>Caused by <span className="count">{ancestors.length}</span></h4>
      <ol className="chain" data-testid="chain-ancestors">
        {[...ancestors].reverse().map((link) => <Link key={link.messageId} link={link} role="ancestor" current={link.index === position} onJump={onJump} />)}
        {ancestors.length === 0 && <li className="muted small">Nothing: this message starts its flow.</li>}
      </ol>
      <h4>This message</h4>
      <ol className="chain" data-testid="chain-message">
        <Link link={message} role="message" current={message.index === position} onJump={onJump} />
      </ol>
      <h4>It caused <span className="count">{descendants.length}</span></h4>
      <ol className="chain" data-testid="chain-descendants">
        {descendants.map((link) => <Link key={link.messageId} link={link} role="descendant" current={link.index === position} onJump={onJump} />)}
        {descendants.length === 0 && <li className="muted small">Nothing (yet, at the end of the run).</li>}
      </ol>
    </div>
  );
});
