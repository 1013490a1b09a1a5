// Prisma 7 configuration: the schema lives in prisma/, the database URL comes
// from the environment (DATABASE_URL), defaulting to ./data/eventloom.db.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/eventloom.db" },
});
