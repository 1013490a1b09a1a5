// `npm run worker -- --flow <id> --group <name> [--run <id>]`: runs one consumer group of a
// run in this process, on Kafka, against the SQLite file of DATABASE_URL (the studio's).
// Settings come from the environment (KAFKA_BROKERS, KAFKA_CLIENT_ID, SASL, TLS; see the
// README's "Kafka mode"). Every failure a user can cause ends with one sentence, exit 1.
import { parseArgs } from "node:util";
import { disconnectPrisma, prisma } from "../server/db/prisma";
import { EnvError, readEnv } from "../server/env";
import { describeKafka, KafkaConfigError, readKafkaSettings, startWorker, WorkerStartError } from "../server/runtime/kafka";

const USAGE = "usage: npm run worker -- --flow <flow id> --group <consumer group> [--run <run id>]";

function fail(message: string): never {
  console.error(`eventloom worker: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let values: { flow?: string; group?: string; run?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { flow: { type: "string" }, group: { type: "string" }, run: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.flow || !values.group) fail(`--flow and --group are required.\n${USAGE}`);

  const env = readEnv();
  const settings = readKafkaSettings(process.env);
  const log = (message: string) => console.error(`eventloom worker [${values.group}]: ${message}`);
  const worker = await startWorker({
    prisma: prisma(),
    databaseFile: env.databaseFile,
    flowId: values.flow,
    ...(values.run ? { runId: values.run } : {}),
    group: values.group,
    settings,
    log,
  });
  await disconnectPrisma();
  console.log(`eventloom worker: group ${worker.group} of run ${worker.runId} (database ${env.databaseFile}; ${describeKafka(settings)})`);

  const stop = () => void worker.stop();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const error = await worker.stopped;
  if (error) fail(`stopped: ${error.message}`);
  console.log("eventloom worker: stopped; handled offsets committed");
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof KafkaConfigError || error instanceof WorkerStartError) fail(error.message);
  fail(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
});
