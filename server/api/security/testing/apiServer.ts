// Test helper: the studio's HTTP front (request gate + guarded tRPC endpoint) on a free
// loopback port, without Next, so tests see real status codes in milliseconds.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import type { PrismaClient } from "../../../db/generated/client";
import { createContextInner } from "../../trpc";
import { handleTrpcRequest } from "../endpoint";
import { createGate } from "../gate";
import { answerClientErrors, gatedListener } from "../nodeGate";

export interface ApiServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

export async function startApiServer(options: { prisma: PrismaClient; token?: string; maxRequestBytes?: number }): Promise<ApiServer> {
  const gate = createGate({ host: "127.0.0.1", token: options.token });
  const server = http.createServer(
    gatedListener(gate, (req, res) => {
      const request = incomingMessageToRequest(req, res, { maxBodySize: null });
      handleTrpcRequest(request, { createContext: () => createContextInner({ prisma: options.prisma }), maxRequestBytes: options.maxRequestBytes })
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          if (response.body) Readable.fromWeb(response.body as never).pipe(res);
          else res.end();
        })
        .catch(() => {
          res.writeHead(599).end();
        });
    }),
  );
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
