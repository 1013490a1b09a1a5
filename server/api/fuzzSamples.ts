// Valid inputs of every tRPC procedure, from which the fuzz tests derive well-typed-but-wrong
// ones. A procedure without samples fails the fuzz suite: add its samples here. Test support.
import { demos } from "../flow/demos";
import { exportFlow } from "../flow/exchange";

export interface FuzzFixture {
  /** A teaching demo (read-only). */
  demoId: string;
  /** A flow of the user's, at version 1. */
  userFlowId: string;
}

const bank = demos[0]!.flow;

export const fuzzSamples: Record<string, (fixture: FuzzFixture) => unknown[]> = {
  "flows.list": () => [undefined],
  "flows.get": (f) => [{ id: f.demoId }, { id: f.userFlowId }],
  "flows.create": () => [{ name: "Checkout" }],
  "flows.update": (f) => [{ id: f.userFlowId, version: 1, document: bank }, { id: f.userFlowId, version: 1, document: { schemaVersion: 1, name: "Draft" } }],
  "flows.rename": (f) => [{ id: f.userFlowId, version: 1, name: "Renamed" }],
  "flows.delete": (f) => [{ id: f.userFlowId }, { id: f.demoId }],
  "flows.duplicate": (f) => [{ id: f.demoId }, { id: f.demoId, name: "My copy" }],
  "flows.import": () => [{ content: exportFlow(bank) }],
  "flows.export": (f) => [{ id: f.demoId }],
  "health.heartbeat": () => [undefined],
};
