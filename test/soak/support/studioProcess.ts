// Soak support: the studio's API server as a child process on a SQLite file (started, killed
// with SIGKILL, restarted), and a typed tRPC client for it over real loopback HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../../server/api/root";

export type StudioClient = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface StudioProcess {
  origin: string;
  client: StudioClient;
  /** Resolves with the exit code or signal. */
  exited: Promise<string>;
  kill(signal: NodeJS.Signals): Promise<string>;
}

/** A client of the studio's API at `origin`; with the access token when the studio asks for one. */
export function studioClient(origin: string, token?: string): StudioClient {
  const headers = token === undefined ? {} : { authorization: `Bearer ${token}` };
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${origin}/api/trpc`, transformer: superjson, headers })] });
}

/** Starts the API server (`child`: the bundle of studioApiChild.ts) on `databaseFile`; resolves once it listens. */
export function startStudio(child: string, databaseFile: string): Promise<StudioProcess> {
  const server = spawn(process.execPath, [child], {
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, HOST: "127.0.0.1", EVENTLOOM_TOKEN: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return whenReady(server, (line) => line.match(/^ready (http:\/\/127\.0\.0\.1:\d+)$/)?.[1]);
}

/**
 * The started `server` once it prints its ready line (`originIn` finds the origin in a line of its
 * stdout); rejects with its stderr when it exits before.
 */
export function whenReady(server: ChildProcess, originIn: (line: string) => string | undefined, token?: string): Promise<StudioProcess> {
  return new Promise((resolve, reject) => {
    const errors: string[] = [];
    server.stderr!.on("data", (chunk: Buffer) => errors.push(chunk.toString()));
    const exited = new Promise<string>((done) => server.on("exit", (code, signal) => done(signal ?? String(code))));
    createInterface({ input: server.stdout! }).on("line", (line) => {
      const origin = originIn(line);
      if (!origin) return;
      resolve({
        origin,
        client: studioClient(origin, token),
        exited,
        kill(signal) {
          server.kill(signal);
          return exited;
        },
      });
    });
    server.on("error", reject);
    void exited.then((how) => reject(new Error(`the studio exited (${how}) before it was ready: ${errors.join("").slice(-2000)}`)));
  });
}
