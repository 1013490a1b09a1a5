// Soak support: the real studio — scripts/start.ts under tsx, Next and all, from the current build —
// on a free loopback port with an access token and a SQLite file of its own. One process
// (`node --import tsx`, not the tsx CLI, which would leave its child running after a SIGKILL).
import { spawn, spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { whenReady, type StudioProcess } from "./studioProcess";

const root = resolve(import.meta.dirname, "..", "..", "..");

/** Builds the Next app when the build is missing or older than the sources (what `npm start` does). */
export function ensureBuild(): void {
  const result = spawnSync(process.execPath, [join(root, "scripts", "ensure-build.mjs")], { cwd: root, stdio: "inherit", timeout: 900_000 });
  if (result.status !== 0) throw new Error(`the studio could not be built (exit ${result.status ?? result.signal})`);
}

export function startRealStudio(databaseFile: string, port: number, token: string): Promise<StudioProcess> {
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, HOST: "127.0.0.1", PORT: String(port), EVENTLOOM_TOKEN: token, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return whenReady(server, (line) => (line.startsWith("eventloom: studio ready at ") ? `http://127.0.0.1:${port}` : undefined), token);
}
