// Projections: a read-model table with one handler per event (upsert, patch, increment, delete).
// Structure only; event references are checked by ../validate*.ts.
import { z } from "zod";
import { ElementId, EventRef, Expr, LowerName, Mapping } from "./common";

/**
 * CEL sees `event` (the event's data), `meta` (type, streamId, streamVersion, position, recordedAt,
 * correlationId) and `row` (the row as it stands, `{}` when absent).
 * `fields`: upsert = the whole new row; patch = fields to set; increment = field → amount; delete = unused.
 */
export const ProjectionHandler = z.strictObject({
  id: ElementId,
  event: EventRef,
  key: Expr,
  op: z.enum(["upsert", "patch", "increment", "delete"]),
  fields: Mapping.default({}),
  when: Expr.optional(),
});

export const Projection = z.strictObject({
  id: ElementId,
  /** The read-model table's name. */
  name: LowerName,
  handlers: z.array(ProjectionHandler).default([]),
});

export type ProjectionHandler = z.output<typeof ProjectionHandler>;
export type Projection = z.output<typeof Projection>;
