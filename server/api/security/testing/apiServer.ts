// Test helper: the studio's HTTP front for the API (request gate + guarded tRPC endpoint with
// its run host) on a loopback port, without Next's pages, so tests see real status codes in
// milliseconds and the crash soak can kill it. The same modules serve /api/trpc in the studio.
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

export interface ApiServerOptions {
  /** Default: the process's client for DATABASE_URL. */
  prisma?: PrismaClient;
  token?: string;
  maxRequestBytes?: number;
  /** Default: a free port. */
  port?: number;
}

export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const gate = createGate({ host: "127.0.0.1", token: options.token });
  const context = () => createContextInner(options.prisma ? { prisma: options.prisma } : {});
  const server = http.createServer(
    gatedListener(gate, (req, res) => {
      const request = incomingMessageToRequest(req, res, { maxBodySize: null });
      handleTrpcRequest(request, { createContext: context, maxRequestBytes: options.maxRequestBytes })
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
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
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
