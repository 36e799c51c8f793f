import fp from 'fastify-plugin';

// Regression (found by the SIGTERM drain test): a keep-alive connection whose request finished
// during close() stayed open until keepAliveTimeout, so shutdown hung. Once closing starts,
// every response tells the client to hang up, and the connection ends with it.
export const drainPlugin = fp(
  async (app) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });
  },
  { name: 'drain' },
);
