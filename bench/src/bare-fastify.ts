// The physical limit for HTTP: Fastify 5 with nothing registered, on the same Node, in its own process.
// Prints its port as one JSON line on stdout, then serves until SIGTERM.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: Number(new URL(address).port) })}\n`);

process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
