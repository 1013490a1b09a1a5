// Compiles every CEL expression of a flow in the scope it is written in and reports those that fail.
import { expressionProblem, type ExpressionScope } from "../expressions";
import type { Action, Flow } from "../schema";
import type { Path, Report } from "./problem";

interface Located {
  path: Path;
  source: string;
  scope: ExpressionScope;
}

function mapping(data: Record<string, string>, path: Path, scope: ExpressionScope): Located[] {
  return Object.entries(data).map(([key, source]) => ({ path: [...path, key], source, scope }));
}

function optional(source: string | undefined, path: Path, scope: ExpressionScope): Located[] {
  return source === undefined ? [] : [{ path, source, scope }];
}

function action(item: Action, path: Path): Located[] {
  const own = ((): Located[] => {
    switch (item.op) {
      case "set":
      case "push":
      case "merge":
        return [{ path: [...path, "value"], source: item.value, scope: "evolve" }];
      case "increment":
        return [{ path: [...path, "by"], source: item.by, scope: "evolve" }];
      case "remove":
        return optional(item.where, [...path, "where"], "evolve");
      default: {
        const unknownAction: never = item;
        throw new Error(`unknown action ${JSON.stringify(unknownAction)}`);
      }
    }
  })();
  return [...own, ...optional(item.when, [...path, "when"], "evolve")];
}

function send(item: { key: string; data: Record<string, string> }, path: Path, scope: ExpressionScope): Located[] {
  return [{ path: [...path, "key"], source: item.key, scope }, ...mapping(item.data, [...path, "data"], scope)];
}

export function expressionsOf(flow: Flow): Located[] {
  const found: Located[] = [];
  flow.aggregates.forEach((aggregate, a) => {
    aggregate.commands.forEach((command, c) => {
      const path = ["aggregates", a, "commands", c];
      command.guards.forEach((guard, g) => found.push({ path: [...path, "guards", g, "rejectWhen"], source: guard.rejectWhen, scope: "decide" }));
      command.emits.forEach((emit, e) => {
        found.push(...optional(emit.when, [...path, "emits", e, "when"], "decide"), ...mapping(emit.data, [...path, "emits", e, "data"], "decide"));
      });
    });
    aggregate.events.forEach((event, e) => event.evolve.forEach((item, i) => found.push(...action(item, ["aggregates", a, "events", e, "evolve", i]))));
  });
  flow.upcasters.forEach((upcaster, u) => found.push(...mapping(upcaster.map, ["upcasters", u, "map"], "upcast")));
  flow.projections.forEach((projection, p) =>
    projection.handlers.forEach((handler, h) => {
      const path = ["projections", p, "handlers", h];
      found.push({ path: [...path, "key"], source: handler.key, scope: "projection" }, ...mapping(handler.fields, [...path, "fields"], "projection"));
      found.push(...optional(handler.when, [...path, "when"], "projection"));
    }),
  );
  flow.services.forEach((service, s) =>
    service.operations.forEach((operation, o) => found.push(...mapping(operation.success.data, ["services", s, "operations", o, "success", "data"], "reply"))),
  );
  flow.sagas.forEach((saga, s) => {
    if (saga.kind === "orchestrated") {
      found.push({ path: ["sagas", s, "trigger", "instanceId"], source: saga.trigger.instanceId, scope: "message" });
      saga.steps.forEach((step, i) => {
        found.push(...send(step, ["sagas", s, "steps", i], "saga"));
        const compensation = step.compensation;
        if (compensation) {
          found.push(...optional(compensation.key, ["sagas", s, "steps", i, "compensation", "key"], "saga"));
          found.push(...mapping(compensation.data, ["sagas", s, "steps", i, "compensation", "data"], "saga"));
        }
      });
    } else {
      saga.reactions.forEach((reaction, r) => {
        found.push(...send(reaction, ["sagas", s, "reactions", r], "message"), ...optional(reaction.when, ["sagas", s, "reactions", r, "when"], "message"));
      });
    }
  });
  flow.consumers.forEach((consumer, c) =>
    consumer.handler.forEach((step, h) => {
      const path = ["consumers", c, "handler", h];
      if (step.do === "send") found.push(...send(step, path, "message"));
      if (step.do !== "snippet") found.push(...optional(step.when, [...path, "when"], "message"));
    }),
  );
  return found;
}

export function checkExpressions(flow: Flow, report: Report): void {
  for (const { path, source, scope } of expressionsOf(flow)) {
    const problem = expressionProblem(source, scope);
    if (problem !== undefined) report(path, `expression \`${source}\` does not compile: ${problem}`);
  }
}
