// The process environment, validated once at start so a bad setting fails loudly.
// Owns: HOST, PORT, DATABASE_URL parsing. Nothing else reads process.env directly.
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).default("file:./data/eventloom.db"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
});

export type Env = z.infer<typeof schema> & { databaseFile: string };

export class EnvError extends Error {}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new EnvError(`Invalid environment: ${problems}.`);
  }
  return { ...parsed.data, databaseFile: databaseFileFromUrl(parsed.data.DATABASE_URL) };
}

/** `file:./data/x.db` or a bare path → an absolute path, relative to the working directory. */
export function databaseFileFromUrl(url: string): string {
  const bare = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (bare.length === 0) throw new EnvError("Invalid environment: DATABASE_URL names no file.");
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), bare);
}
