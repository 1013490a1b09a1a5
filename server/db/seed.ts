// Seeds the teaching demos into the flows table. Demos are shipped, read-only
// documents keyed by demoKey: a start inserts missing ones and refreshes changed
// ones (bumping their version); users edit copies, never the demos themselves.
import type { PrismaClient } from "./generated/client";

export interface DemoSeed {
  key: string;
  flow: { name: string; description?: string };
}

export async function seedDemos(prisma: PrismaClient, demos: readonly DemoSeed[]): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  for (const demo of demos) {
    const document = JSON.stringify(demo.flow);
    const existing = await prisma.flow.findUnique({ where: { demoKey: demo.key }, select: { id: true, document: true } });
    if (!existing) {
      await prisma.flow.create({
        data: { id: `demo-${demo.key}`, demoKey: demo.key, name: demo.flow.name, description: demo.flow.description ?? "", document },
      });
      inserted++;
    } else if (existing.document !== document) {
      await prisma.flow.update({
        where: { id: existing.id },
        data: { name: demo.flow.name, description: demo.flow.description ?? "", document, version: { increment: 1 } },
      });
      updated++;
    }
  }
  return { inserted, updated };
}
