// Connecting two nodes: the source kind's rule decides what the connection means, or refuses with
// a reason; connections without a rule are refused with what the source kind can connect to.
import type { GraphNode, NodeKind } from "@/server/flow/graph";
import type { Flow } from "@/server/flow/schema";
import { capitalized, KIND_LABEL, withArticle } from "../kinds/labels";
import { behaviourOf } from "../registry";
import { refuse, type NewId, type Refusal } from "./elements";

function listKinds(kinds: NodeKind[]): string {
  const names = kinds.map(withArticle);
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

/** Why `source → target` means nothing, in a sentence or two. */
export function noRuleReason(source: NodeKind, target: NodeKind): string {
  const behaviour = behaviourOf(source);
  const why = behaviour.refusals?.[target] ?? behaviour.refusals?.any;
  const can = Object.keys(behaviour.connect) as NodeKind[];
  const head = `${capitalized(withArticle(source))} cannot connect to ${withArticle(target)}.`;
  if (why) return `${head} ${why}`;
  return can.length ? `${head} From ${withArticle(source)} you can connect to ${listKinds(can)}.` : `${head} Nothing connects out of ${withArticle(source)}.`;
}

/** Makes the connection in the draft, or says why not. */
export function connectNodes(draft: Flow, source: GraphNode, target: GraphNode, newId: NewId): Refusal | void {
  if (source.id === target.id) return refuse(`A ${KIND_LABEL[source.kind]} cannot connect to itself.`);
  const rule = behaviourOf(source.kind).connect[target.kind];
  if (!rule) return refuse(noRuleReason(source.kind, target.kind));
  return rule(draft, source, target, newId);
}
