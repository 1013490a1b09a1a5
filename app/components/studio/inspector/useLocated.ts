// The inspector's access to one element: its current value, and an update that edits a draft of the
// flow (one undo step per field visit, through the store's merge key).
import { useCallback, useMemo } from "react";
import type { Flow } from "@/server/flow/schema";
import { locate, locatePart, refuse, type Located, type Refusal } from "../edits/elements";
import { useStudio } from "../studioContext";

type Change<T> = (found: T, draft: Flow) => Refusal | void;

export function useLocated<K extends Located["kind"]>(id: string, kind: K) {
  type Found = Extract<Located, { kind: K }>;
  const flow = useStudio((s) => s.flow);
  const edit = useStudio((s) => s.edit);
  const found = useMemo(() => {
    const located = locate(flow, id);
    return located?.kind === kind ? (located as Found) : undefined;
  }, [flow, id, kind]);
  const update = useCallback((change: Change<Found>, field?: string) => {
    edit((draft) => {
      const located = locate(draft, id);
      if (located?.kind !== kind) return refuse("This element no longer exists.");
      return change(located as Found, draft);
    }, field ? { mergeKey: `${id}:${field}` } : undefined);
  }, [edit, id, kind]);
  return { flow, found, update };
}

/** The same for a saga's step or reaction. */
export function useSagaPart(id: string) {
  const flow = useStudio((s) => s.flow);
  const edit = useStudio((s) => s.edit);
  const found = useMemo(() => locatePart(flow, id), [flow, id]);
  const update = useCallback((change: Change<NonNullable<ReturnType<typeof locatePart>>>, field?: string) => {
    edit((draft) => {
      const located = locatePart(draft, id);
      if (!located) return refuse("This saga step no longer exists.");
      return change(located, draft);
    }, field ? { mergeKey: `${id}:${field}` } : undefined);
  }, [edit, id]);
  return { flow, found, update };
}

/** Names of aggregates and services, and what each accepts. */
export function targetOptions(flow: Flow): string[] {
  return [...flow.aggregates.map((a) => a.name), ...flow.services.map((s) => s.name)];
}

export function commandOptions(flow: Flow, target: string): string[] {
  const aggregate = flow.aggregates.find((a) => a.name === target);
  if (aggregate) return aggregate.commands.map((c) => c.name);
  return flow.services.find((s) => s.name === target)?.operations.map((o) => o.name) ?? [];
}
