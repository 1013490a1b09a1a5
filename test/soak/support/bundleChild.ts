// Bundles the soak's studio API child into one ES module (packages stay external), so each of the
// crash soak's restarts loads one file instead of transforming hundreds of TypeScript modules.
// Written under node_modules/.cache so the bundle resolves the project's packages.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..", "..", "..");

/** The bundled child's path; rebuilt on every call (half a second). */
export async function bundleStudioApiChild(): Promise<string> {
  const dir = join(root, "node_modules", ".cache", "eventloom-soak");
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, "studioApiChild.mjs");
  await build({
    entryPoints: [join(import.meta.dirname, "studioApiChild.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    // Bundled CommonJS helpers call require(); give the module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return outfile;
}
