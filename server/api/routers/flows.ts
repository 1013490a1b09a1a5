// Flows: the studio's designs (and the seeded teaching demos), stored through Prisma.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { FLOW_SCHEMA_VERSION, FlowSchema } from "../../flow/schema";
import { publicProcedure, router } from "../trpc";

const flowId = z.string().min(1).max(100);

export const flowsRouter = router({
  list: publicProcedure.query(async ({ ctx }) => {
    const rows = await ctx.prisma.flow.findMany({
      orderBy: [{ demoKey: "asc" }, { updatedAt: "desc" }],
      select: { id: true, name: true, description: true, demoKey: true, updatedAt: true },
    });
    return rows.map((r) => ({ ...r, isDemo: r.demoKey !== null }));
  }),

  get: publicProcedure.input(z.object({ id: flowId })).query(async ({ ctx, input }) => {
    const row = await ctx.prisma.flow.findUnique({ where: { id: input.id } });
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `No flow with id "${input.id}".` });
    return { id: row.id, name: row.name, description: row.description, demoKey: row.demoKey, version: row.version, document: JSON.parse(row.document) as unknown };
  }),

  create: publicProcedure
    .input(z.object({ name: z.string().trim().min(1, "Give the flow a name.").max(120) }))
    .mutation(async ({ ctx, input }) => {
      const id = crypto.randomUUID();
      const document = FlowSchema.parse({ schemaVersion: FLOW_SCHEMA_VERSION, name: input.name });
      await ctx.prisma.flow.create({ data: { id, name: input.name, document: JSON.stringify(document) } });
      return { id };
    }),
});
