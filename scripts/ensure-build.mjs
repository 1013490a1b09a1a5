// Builds the Next app when no build exists or a source file is newer than it,
// so `npm start` on a fresh clone works in one command.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const buildId = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "server", "next.config.js", "package.json", "tsconfig.json"];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) {
    if (entry === "generated" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const changed = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (built > changed) process.exit(0);

console.log(built ? "eventloom: sources changed, rebuilding the studio…" : "eventloom: building the studio (first start)…");
const result = spawnSync("npx", ["--no-install", "next", "build"], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
