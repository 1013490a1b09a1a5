// Next.js configuration. The studio runs as a long-lived Node server (scripts/start.ts)
// because the runtime engine, its SQLite file and its live trace stream live in-process.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project with `tsc --noEmit`; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["better-sqlite3", "quickjs-emscripten", "kafkajs"],
};

export default nextConfig;
