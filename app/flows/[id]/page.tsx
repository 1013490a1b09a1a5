// `/flows/[id]`: the studio for one flow.
import { FlowStudio } from "../../components/FlowStudio";

export default async function FlowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <FlowStudio id={id} />;
}
