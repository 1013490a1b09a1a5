// Starts the studio: validate the environment, migrate and seed the SQLite file,
// then serve Next on HOST:PORT (127.0.0.1:3000 by default) behind the request gate
// (host names, cross-site requests, the access token when bound beyond loopback).
// Every failure a user can cause ends with one clear sentence and a non-zero exit.
import http from "node:http";
import path from "node:path";
import next from "next";
import { createGate } from "../server/api/security/gate";
import { logFailure } from "../server/api/security/logFailure";
import { answerClientErrors, gatedListener } from "../server/api/security/nodeGate";
import { assertServable, EnvError, readEnv } from "../server/env";
import { DatabaseSetupError } from "../server/db/migrate";
import { prisma } from "../server/db/prisma";
import { setupDatabase } from "../server/db/setup";
import { describeKafka, KafkaConfigError, kafkaModeFromEnvironment } from "../server/runtime/kafka";

const root = path.resolve(import.meta.dirname, "..");

function fail(message: string): never {
  console.error(`eventloom: ${message}`);
  process.exit(1);
}

function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

async function main() {
  const dev = process.argv.includes("--dev");
  const env = readEnv();
  assertServable(env);
  const kafka = kafkaModeFromEnvironment(process.env);
  if (kafka) {
    const workers = kafka.workerGroups.length > 0 ? `groups left to workers: ${kafka.workerGroups.join(", ")}` : "every group consumed here";
    console.log(`eventloom: Kafka mode for live runs (${describeKafka(kafka)}; ${workers})`);
  }
  const setup = await setupDatabase(env.databaseFile, prisma());
  if (setup.applied.length > 0) console.log(`eventloom: applied ${setup.applied.length} migration(s) to ${env.databaseFile}`);
  if (setup.inserted + setup.updated > 0) console.log(`eventloom: seeded ${setup.inserted} demo(s), refreshed ${setup.updated}`);

  const app = next({ dev, dir: root, hostname: env.HOST, port: env.PORT });
  const ready = app.prepare();
  const handle = app.getRequestHandler();
  // Bind first, so a busy port is reported at once; requests wait until Next is ready.
  const gate = createGate({ host: env.HOST, token: env.accessToken });
  const server = http.createServer(gatedListener(gate, (req, res) => {
    ready.then(() => handle(req, res)).catch((e: unknown) => {
      logFailure(`${req.method ?? "?"} ${(req.url ?? "/").split("?")[0]}`, e);
      if (!res.headersSent) res.writeHead(500).end("Internal error");
    });
  }));
  answerClientErrors(server);
  try {
    await listen(server, env.HOST, env.PORT);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") fail(`port ${env.PORT} on ${env.HOST} is already in use; stop the program using it or set PORT to a free port.`);
    if (code === "EACCES") fail(`not allowed to listen on ${env.HOST}:${env.PORT}; choose a port above 1023 with PORT.`);
    if (code === "EADDRNOTAVAIL") fail(`HOST ${env.HOST} is not an address of this machine.`);
    throw e;
  }
  await ready;
  const access = env.accessToken ? "; open it once with ?token=<EVENTLOOM_TOKEN>" : "";
  console.log(`eventloom: studio ready at http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${env.PORT} (database ${env.databaseFile}${access})`);

  const shutdown = () => server.close(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((e: unknown) => {
  if (e instanceof EnvError || e instanceof DatabaseSetupError || e instanceof KafkaConfigError) fail(e.message);
  fail(`unexpected failure at start: ${e instanceof Error ? e.message : String(e)}`);
});
