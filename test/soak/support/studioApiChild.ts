// Child process of the soaks: the studio's API server — the request gate, tRPC endpoint, routers
// and run host that serve /api/trpc under `npm start`, set up the way scripts/start.ts does it
// (environment, migrations, demo seeds) — without Next's page rendering, so a restart costs about
// a second instead of a Next boot. Prints "ready <origin>" once it listens on a free loopback port.
import { startApiServer } from "../../../server/api/security/testing/apiServer";
import { prisma } from "../../../server/db/prisma";
import { setupDatabase } from "../../../server/db/setup";
import { assertServable, readEnv } from "../../../server/env";

const env = readEnv();
assertServable(env);
await setupDatabase(env.databaseFile, prisma());
const server = await startApiServer({ port: 0 });
process.stdout.write(`ready ${server.origin}\n`);
