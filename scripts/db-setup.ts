// `npm run db:setup`: migrate and seed the SQLite file without starting the server.
import { setupDatabase } from "../server/db/setup";
import { DatabaseSetupError } from "../server/db/migrate";
import { disconnectPrisma, prisma } from "../server/db/prisma";
import { EnvError, readEnv } from "../server/env";

try {
  const env = readEnv();
  const r = await setupDatabase(env.databaseFile, prisma());
  console.log(`eventloom: ${env.databaseFile}: ${r.applied.length} migration(s) applied, ${r.inserted} demo(s) added, ${r.updated} refreshed.`);
  await disconnectPrisma();
} catch (e) {
  if (e instanceof EnvError || e instanceof DatabaseSetupError) {
    console.error(`eventloom: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
