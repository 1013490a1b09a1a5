// Reading a stored document into the studio: a valid Flow as parsed; a draft saved with problems
// (a name that is not PascalCase yet, say) as it was saved, so the problems show and can be fixed.
import { FLOW_SCHEMA_VERSION, FlowSchema, type Flow } from "@/server/flow/schema";

export function draftFlow(document: unknown): Flow {
  const parsed = FlowSchema.safeParse(document);
  if (parsed.success) return parsed.data;
  const empty = FlowSchema.parse({ schemaVersion: FLOW_SCHEMA_VERSION, name: "Untitled" });
  return typeof document === "object" && document !== null ? ({ ...empty, ...document } as Flow) : empty;
}
