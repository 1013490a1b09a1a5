"use client";
// The inspector for a topic: which consumer groups read it (topics have no settings of their own).
import { useStudio } from "../studioContext";

export function TopicInfo({ topic }: { topic: string }) {
  const consumers = useStudio((s) => s.flow.consumers);
  const select = useStudio((s) => s.select);
  const readers = consumers.filter((c) => c.topics.includes(topic));
  return (
    <>
      <p className="muted small">A topic appears for every event type a consumer group reads; the outbox relay publishes the events to it.</p>
      <ul className="link-list">
        {readers.map((c) => <li key={c.id}><button type="button" className="link" onClick={() => select([c.id])}>{c.group}</button></li>)}
      </ul>
    </>
  );
}
