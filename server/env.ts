// The process environment, validated once at start so a bad setting fails loudly.
// Owns: HOST, PORT, DATABASE_URL, EVENTLOOM_TOKEN parsing and the rule that a studio
// reachable from other machines needs an access token. Nothing else reads process.env directly.
import path from "node:path";
import { z } from "zod";

export const MIN_TOKEN_LENGTH = 16;

const schema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).default("file:./data/eventloom.db"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  EVENTLOOM_TOKEN: z
    .string()
    .min(MIN_TOKEN_LENGTH, `must be at least ${MIN_TOKEN_LENGTH} characters long (e.g. the output of \`openssl rand -hex 16\`)`)
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
    .optional(),
});

export type Env = z.infer<typeof schema> & {
  databaseFile: string;
  /** The access token browsers and clients must present; undefined = none asked (loopback only). */
  accessToken: string | undefined;
};

export class EnvError extends Error {}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse({ ...source, EVENTLOOM_TOKEN: source.EVENTLOOM_TOKEN || undefined });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new EnvError(`Invalid environment: ${problems}.`);
  }
  return { ...parsed.data, databaseFile: databaseFileFromUrl(parsed.data.DATABASE_URL), accessToken: parsed.data.EVENTLOOM_TOKEN };
}

/** True for names and addresses only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * The settings a server may listen with: bound beyond loopback, it must ask for an access token.
 * Called by the studio server before it binds (scripts that only touch the database need not).
 */
export function assertServable(env: Env): void {
  if (isLoopbackHost(env.HOST) || env.accessToken) return;
  throw new EnvError(
    `HOST is ${env.HOST}, which other machines can reach, so the studio needs an access token: set EVENTLOOM_TOKEN to a secret of at least ${MIN_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 16\`), or leave HOST unset to serve 127.0.0.1 only.`,
  );
}

/** `file:./data/x.db` or a bare path → an absolute path, relative to the working directory. */
export function databaseFileFromUrl(url: string): string {
  const bare = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (bare.length === 0) throw new EnvError("Invalid environment: DATABASE_URL names no file.");
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), bare);
}
