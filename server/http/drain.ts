import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net from 'node:net';
import type { Socket } from 'node:net';

/**
 * Stopping without resetting anyone. Node's own `server.close()` also drops every keep-alive
 * connection that is between two requests at that instant, and a client that was just writing
 * its next request there sees a reset. Instead: stop listening, answer every request from now
 * on with `Connection: close`, and close a connection only once it has carried no request for
 * a grace period; whatever is still open at the deadline is cut.
 */
export type Drainer = {
  /**
   * Resolves once every connection has closed, with how many requests under way were cut
   * (closed before their response was complete) while draining: none, unless the deadline came.
   */
  drain(deadlineMs: number): Promise<DrainResult>;
};

export type DrainResult = { cutRequests: number };

/**
 * `quietChecks` counts checks that found the connection idle. A request's bytes may already sit
 * unread in the socket while the event loop was busy (PGlite runs in this thread); the I/O poll
 * between two checks reads them, so a connection idle at two checks in a row really is idle.
 */
type ConnectionState = { active: number; idleSince: number; quietChecks: number };

const idleGraceMs = 300;
const checkEveryMs = 50;

export function trackConnections(server: Server): Drainer {
  const connections = new Map<Socket, ConnectionState>();
  const inFlight = new Set<ServerResponse>();
  let isDraining = false;
  let cutRequests = 0;
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { active: 0, idleSince: Date.now(), quietChecks: 0 });
    socket.on('close', () => connections.delete(socket));
  });
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = connections.get(req.socket);
    if (state) {
      state.active += 1;
      state.quietChecks = 0;
    }
    inFlight.add(res);
    if (isDraining) res.setHeader('Connection', 'close');
    res.on('close', () => {
      inFlight.delete(res);
      if (isDraining && !res.writableFinished) cutRequests += 1;
      if (state) {
        state.active -= 1;
        state.idleSince = Date.now();
      }
    });
  });
  return {
    drain(deadlineMs) {
      isDraining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      // net.Server's close: stop listening, but leave open connections to the checks below.
      net.Server.prototype.close.call(server);
      const deadline = Date.now() + deadlineMs;
      return new Promise((resolve) => {
        const check = (): void => {
          const now = Date.now();
          for (const [socket, state] of connections) {
            const isQuiet = state.active === 0 && now - state.idleSince >= idleGraceMs;
            state.quietChecks = isQuiet ? state.quietChecks + 1 : 0;
            if (now >= deadline || state.quietChecks >= 2) socket.destroy();
          }
          if (connections.size === 0) resolve({ cutRequests });
          else setTimeout(check, checkEveryMs);
        };
        check();
      });
    },
  };
}
