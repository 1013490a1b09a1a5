// Flows: the studio's designs (and the seeded teaching demos), stored through Prisma.
// Drafts are saved as the studio holds them (validation problems included) with optimistic
// concurrency on `version`; demos are read-only: users copy them. The list's previews are cached by
// flow version (flowThumbnails.ts).
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { exportFlow, importFlow, MAX_IMPORT_BYTES } from "../../flow/exchange";
import { flowThumbnail } from "../../flow/graphThumbnail";
import { completeLayout } from "../../flow/layout";
import { FLOW_SCHEMA_VERSION, FlowSchema, type Flow } from "../../flow/schema";
import type { PrismaClient } from "../../db/generated/client";
import { runsHost } from "../../runs";
import type { Context } from "../trpc";
import { createThumbnailCache, type ThumbnailCache } from "./flowThumbnails";
import { publicProcedure, router } from "../trpc";

const flowId = z.string().min(1).max(100);
const flowName = z.string().trim().min(1, "Give the flow a name.").max(120, "A flow name has at most 120 characters.");
const MAX_DOCUMENT_CHARS = 2_000_000;

/** A document the studio may save: a Flow object of this schema version, problems and all. */
const Draft = z.looseObject({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION, { error: `schemaVersion must be ${FLOW_SCHEMA_VERSION}` }),
  name: z.string(),
});

async function findFlow(ctx: Context, id: string) {
  const row = await ctx.prisma.flow.findUnique({ where: { id } });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `No flow with id "${id}".` });
  return row;
}

async function findEditable(ctx: Context, id: string) {
  const row = await findFlow(ctx, id);
  if (row.demoKey !== null) throw new TRPCError({ code: "FORBIDDEN", message: `"${row.name}" is a teaching demo and cannot be changed: make a copy to edit it.` });
  return row;
}

function conflict(name: string): TRPCError {
  return new TRPCError({ code: "CONFLICT", message: `"${name}" was changed elsewhere since you opened it. Reload to see the latest version.` });
}

/** The stored document as a Flow, or null for a draft that no longer parses. */
function parsed(document: string): Flow | null {
  const result = FlowSchema.safeParse(JSON.parse(document));
  return result.success ? result.data : null;
}

/** One preview cache per database client (a test process opens several files). */
const thumbnailCaches = new WeakMap<PrismaClient, ThumbnailCache>();

function thumbnailsOf(prisma: PrismaClient): ThumbnailCache {
  let cache = thumbnailCaches.get(prisma);
  if (!cache) {
    cache = createThumbnailCache((document) => {
      const flow = parsed(document);
      return flow ? flowThumbnail(flow) : null;
    });
    thumbnailCaches.set(prisma, cache);
  }
  return cache;
}

async function insertFlow(ctx: Context, flow: Flow): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  await ctx.prisma.flow.create({ data: { id, name: flow.name, description: flow.description, document: JSON.stringify(flow) } });
  return { id };
}

export const flowsRouter = router({
  list: publicProcedure.query(async ({ ctx }) => {
    const rows = await ctx.prisma.flow.findMany({
      orderBy: [{ demoKey: "asc" }, { updatedAt: "desc" }],
      select: { id: true, name: true, description: true, demoKey: true, updatedAt: true, version: true },
    });
    const thumbnails = await thumbnailsOf(ctx.prisma).of(rows, (ids) =>
      ctx.prisma.flow.findMany({ where: { id: { in: ids } }, select: { id: true, version: true, document: true } }),
    );
    return rows.map(({ version: _version, ...r }) => ({ ...r, isDemo: r.demoKey !== null, thumbnail: thumbnails.get(r.id) ?? null }));
  }),

  get: publicProcedure.input(z.object({ id: flowId })).query(async ({ ctx, input }) => {
    const row = await findFlow(ctx, input.id);
    return {
      id: row.id, name: row.name, description: row.description, demoKey: row.demoKey, isDemo: row.demoKey !== null,
      version: row.version, document: JSON.parse(row.document) as unknown,
    };
  }),

  create: publicProcedure.input(z.object({ name: flowName })).mutation(async ({ ctx, input }) => {
    return insertFlow(ctx, FlowSchema.parse({ schemaVersion: FLOW_SCHEMA_VERSION, name: input.name }));
  }),

  /** Saves the studio's document if nobody saved another version since `version`; returns the new version. */
  update: publicProcedure
    .input(z.object({ id: flowId, version: z.int().min(1), document: Draft }))
    .mutation(async ({ ctx, input }) => {
      const row = await findEditable(ctx, input.id);
      const document = JSON.stringify(input.document);
      if (document.length > MAX_DOCUMENT_CHARS) throw new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: "This flow is too large to save (over 2 MB)." });
      const name = input.document.name.trim() || row.name;
      const description = typeof input.document.description === "string" ? input.document.description : row.description;
      const { count } = await ctx.prisma.flow.updateMany({
        where: { id: input.id, version: input.version },
        data: { document, name, description, version: { increment: 1 } },
      });
      if (count === 0) throw conflict(row.name);
      return { version: input.version + 1 };
    }),

  rename: publicProcedure
    .input(z.object({ id: flowId, version: z.int().min(1), name: flowName }))
    .mutation(async ({ ctx, input }) => {
      const row = await findEditable(ctx, input.id);
      const document = { ...(JSON.parse(row.document) as object), name: input.name };
      const { count } = await ctx.prisma.flow.updateMany({
        where: { id: input.id, version: input.version },
        data: { name: input.name, document: JSON.stringify(document), version: { increment: 1 } },
      });
      if (count === 0) throw conflict(row.name);
      return { name: input.name, version: input.version + 1 };
    }),

  delete: publicProcedure.input(z.object({ id: flowId })).mutation(async ({ ctx, input }) => {
    await findEditable(ctx, input.id);
    // Its runs' recordings first: the Run rows cascade with the flow, the store's rows would not.
    await runsHost().discardRunsOf(ctx.prisma, input.id);
    await ctx.prisma.flow.delete({ where: { id: input.id } });
    return { id: input.id };
  }),

  /** A new flow of the user's, copied from any flow (a teaching demo, typically), laid out. */
  duplicate: publicProcedure
    .input(z.object({ id: flowId, name: flowName.optional() }))
    .mutation(async ({ ctx, input }) => {
      const row = await findFlow(ctx, input.id);
      const flow = parsed(row.document);
      if (!flow) throw new TRPCError({ code: "BAD_REQUEST", message: `"${row.name}" has problems that stop it from being copied; fix them first.` });
      const name = input.name ?? `Copy of ${row.name}`.slice(0, 120);
      return insertFlow(ctx, completeLayout({ ...flow, name }));
    }),

  /** A new flow of the user's from an exported file; laid out when it has no positions. */
  import: publicProcedure
    .input(z.object({ content: z.string().max(MAX_IMPORT_BYTES + 1) }))
    .mutation(async ({ ctx, input }) => {
      const result = importFlow(input.content);
      if (!result.ok) {
        const listed = result.problems.slice(0, 5).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ");
        const more = result.problems.length > 5 ? ` (and ${result.problems.length - 5} more)` : "";
        throw new TRPCError({ code: "BAD_REQUEST", message: `This file cannot be imported: ${listed}${more}.` });
      }
      const { id } = await insertFlow(ctx, completeLayout(result.flow));
      return { id, problems: result.problems.length };
    }),

  /** The flow as a JSON file that import reads back. */
  export: publicProcedure.input(z.object({ id: flowId })).query(async ({ ctx, input }) => {
    const row = await findFlow(ctx, input.id);
    const flow = parsed(row.document);
    if (!flow) throw new TRPCError({ code: "BAD_REQUEST", message: `"${row.name}" has problems that stop it from being exported; fix the ones in the problems list first.` });
    const slug = row.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "flow";
    return { fileName: `${slug}.eventloom.json`, content: exportFlow(flow) };
  }),
});
