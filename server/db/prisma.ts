// The one Prisma Client of the process, for studio data (flows, runs) in the SQLite file named by
// DATABASE_URL. Opens lazily on first use and never migrates: applyMigrations (migrate.ts) runs first.
// The event store's hot paths use better-sqlite3 directly (server/store), not this client.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { readEnv } from "../env";
import { PrismaClient } from "./generated/client";

/** The absolute path of the SQLite file: DATABASE_URL (`file:` + a path relative to the working directory), default ./data/eventloom.db. */
export function databaseFile(): string {
  return readEnv().databaseFile;
}

// Kept on globalThis so that Next's dev server, which re-evaluates modules on every change, reuses one client.
const cache = globalThis as { eventloomPrisma?: PrismaClient };

export function prisma(): PrismaClient {
  cache.eventloomPrisma ??= new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseFile() }) });
  return cache.eventloomPrisma;
}

/** Closes the client (at shutdown, or between tests that point DATABASE_URL elsewhere); the next prisma() opens anew. */
export async function disconnectPrisma(): Promise<void> {
  const client = cache.eventloomPrisma;
  cache.eventloomPrisma = undefined;
  await client?.$disconnect();
}
