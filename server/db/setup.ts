// Brings the SQLite file up to date: pending migrations, then the teaching demos.
// Run by `npm start` before serving and by `npm run db:setup`.
import { demos } from "../flow/demos";
import { applyMigrations } from "./migrate";
import type { PrismaClient } from "./generated/client";
import { seedDemos } from "./seed";

export async function setupDatabase(databaseFile: string, prisma: PrismaClient) {
  const { applied } = applyMigrations(databaseFile);
  const seeded = await seedDemos(prisma, demos);
  return { applied, ...seeded };
}
