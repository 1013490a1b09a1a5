// A message one element sends another: a command to an aggregate or a call to a service operation.
// `target` names the aggregate or service; `key` is the aggregate id or the call's business key.
import { z } from "zod";
import { Expr, Mapping, PascalName } from "./common";

export const sendFields = {
  /** Name of an aggregate (command) or a service (operation call). */
  target: PascalName,
  /** Command of the aggregate, or operation of the service. */
  command: PascalName,
  /** CEL: the aggregate id, or the business key of the service call. */
  key: Expr,
  /** CEL per field of the command or call data. */
  data: Mapping.default({}),
};

export const Send = z.strictObject(sendFields);
export type Send = z.output<typeof Send>;
