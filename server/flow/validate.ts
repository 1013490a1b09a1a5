// Validation of a Flow: structure (zod) first, then every semantic check, all problems at once.
// Never changes its input.
import { buildCatalog } from "./catalog";
import { checkEventReferences } from "./checks/eventRefs";
import { checkExpressions } from "./checks/expressions";
import { checkNames } from "./checks/names";
import { collector, type Problem } from "./checks/problem";
import { checkReachability } from "./checks/reachability";
import { checkSagas } from "./checks/sagas";
import { checkSends } from "./checks/sends";
import { checkSettings } from "./checks/settings";
import { zodProblems } from "./checks/zodProblems";
import { FlowSchema, type Flow } from "./schema";

export type { Problem } from "./checks/problem";
export { formatPath } from "./checks/problem";

export type FlowCheck = { ok: true; flow: Flow } | { ok: false; problems: Problem[] };

/** Semantic problems of a structurally valid flow. */
export function semanticProblems(flow: Flow): Problem[] {
  const { problems, report } = collector(flow);
  const catalog = buildCatalog(flow);
  checkNames(flow, report);
  checkEventReferences(flow, catalog, report);
  checkSends(flow, catalog, report);
  checkSagas(flow, catalog, report);
  checkExpressions(flow, report);
  checkReachability(flow, report);
  checkSettings(flow, report);
  return problems;
}

/**
 * Parses and validates. Structural problems are reported first; when the structure is sound,
 * every semantic problem is reported at once.
 */
export function checkFlow(input: unknown): FlowCheck {
  const parsed = FlowSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error, input) };
  const problems = semanticProblems(parsed.data);
  return problems.length === 0 ? { ok: true, flow: parsed.data } : { ok: false, problems };
}

/** Every problem of a flow document; empty when it can run. */
export function validateFlow(input: unknown): Problem[] {
  const result = checkFlow(input);
  return result.ok ? [] : result.problems;
}
