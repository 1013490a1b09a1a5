// Where new saga steps, reactions and consumer sends point first, and what a connection to a command
// or service node means as a send (target + command). Shared by the kinds that send.
import type { GraphNode } from "@/server/flow/graph";
import type { Flow } from "@/server/flow/schema";
import { locate, refuse, type Refusal } from "../edits/elements";

/** The first command of the flow as a send, or blanks for the user (and validation) to fill. */
export function defaultSend(flow: Flow): { target: string; command: string } {
  const aggregate = flow.aggregates.find((a) => a.commands.length > 0);
  return aggregate ? { target: aggregate.name, command: aggregate.commands[0]!.name } : { target: "", command: "" };
}

/** The send a connection to a command node (its aggregate + name) or a service node (its first operation) stands for. */
export function sendTo(flow: Flow, target: GraphNode): { target: string; command: string } | Refusal {
  if (target.kind === "command") {
    const found = locate(flow, target.id);
    return found?.kind === "command" ? { target: found.aggregate.name, command: found.element.name } : refuse("That command no longer exists.");
  }
  if (target.kind === "service") {
    const service = flow.services.find((s) => s.id === target.id);
    const operation = service?.operations[0];
    return service && operation ? { target: service.name, command: operation.name } : refuse("That service has no operation to call yet.");
  }
  return refuse("Sends go to a command or a service.");
}
