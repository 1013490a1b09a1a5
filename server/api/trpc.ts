// tRPC plumbing: the context (built without an HTTP request, so every router is
// testable with createCaller), the error shape users see (a sentence; zod problems and a version
// conflict's numbers as data), and procedure builders.
// Routers stay thin: validate with zod, call the server, return plain objects.
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { PrismaClient } from "../db/generated/client";
import { prisma } from "../db/prisma";
import { VersionConflictError } from "./versionConflict";

export interface Context {
  prisma: PrismaClient;
}

export function createContextInner(overrides: Partial<Context> = {}): Context {
  return { prisma: overrides.prisma ?? prisma() };
}

const MAX_PROBLEMS_LISTED = 5;
const MAX_PROBLEMS_SENT = 50;

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  isDev: false, // never send stack traces to the browser
  errorFormatter({ shape, error }) {
    const problems =
      error.cause instanceof ZodError
        ? error.cause.issues.map((i) => ({ path: i.path.join("."), message: i.message }))
        : undefined;
    // A sentence stays readable however many problems an input has: the first few, then a count.
    const listed = problems?.slice(0, MAX_PROBLEMS_LISTED).map((p) => `${p.path || "input"}: ${p.message}`).join("; ");
    const more = problems && problems.length > MAX_PROBLEMS_LISTED ? ` (and ${problems.length - MAX_PROBLEMS_LISTED} more)` : "";
    return {
      ...shape,
      message: problems ? `Invalid input: ${listed}${more}` : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        problems: problems?.slice(0, MAX_PROBLEMS_SENT),
        conflict: error.cause instanceof VersionConflictError ? error.cause.conflict : undefined,
      },
    };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
