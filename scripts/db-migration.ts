// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/ from the change
// between the committed migrations and prisma/schema.prisma, using Prisma's published schema
// engine (the CLI's `migrate dev` needs a native binary these machines cannot download).
import path from "node:path";
import { createMigration } from "../server/db/createMigration";

const name = process.argv[2];
if (!name || process.argv.length > 3) {
  console.error("usage: npm run db:migration -- <name>   (letters, digits, underscores; e.g. add_alerts)");
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, "..");
try {
  const { created } = await createMigration({
    name,
    schemaFile: path.join(root, "prisma/schema.prisma"),
    migrationsDir: path.join(root, "prisma/migrations"),
  });
  if (created) {
    console.log(`db:migration: wrote prisma/migrations/${created}/migration.sql; it is applied at the next start or db:setup.`);
    console.log("db:migration: regenerate the Prisma Client with `node scripts/prisma-generate.mjs`.");
  } else {
    console.log("db:migration: no schema changes; nothing written.");
  }
} catch (e) {
  console.error(`db:migration: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
