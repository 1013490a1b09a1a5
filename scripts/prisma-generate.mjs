// Generates the Prisma Client after `npm install`.
// `prisma generate` never runs the native schema engine, but the CLI insists the
// binary exists; on machines where it cannot be downloaded we point it at a file
// that does exist (see README, "Prisma without native engines").
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = new URL("../package.json", import.meta.url).pathname;
}
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
