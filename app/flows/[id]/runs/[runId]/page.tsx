// `/flows/[id]/runs/[runId]`: the time-travel view of one run of a flow.
import { Suspense } from "react";
import { ReplayView } from "../../../../components/replay/ReplayView";

export default async function RunReplayPage({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const { id, runId } = await params;
  return (
    <Suspense fallback={<p className="muted pad">Opening the run…</p>}>
      <ReplayView flowId={id} runId={runId} />
    </Suspense>
  );
}
