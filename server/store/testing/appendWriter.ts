// Test helper process: appends `count` transactions of two events each to a run,
// so a reader in another process can watch commit order.
// Usage: tsx appendWriter.ts <db file> <run id> <count>

import { openDatabase } from "../database";
import { createRunStore } from "../runStore";

const [file, runId, count] = process.argv.slice(2);
const store = createRunStore(openDatabase(file!), runId!);
for (let i = 0; i < Number(count); i++) {
  const metadata = { messageId: `w${i}`, correlationId: `w${i}`, causationId: `w${i}` };
  store.events.appendToStream(
    `stream-${i % 7}`,
    [
      { eventId: `w${i}a`, type: "test.written.v1", data: { i }, metadata },
      { eventId: `w${i}b`, type: "test.written.v1", data: { i }, metadata },
    ],
    { now: i },
  );
}
