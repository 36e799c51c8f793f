import type { FastifyReply } from 'fastify';
import type { PoolResult } from '../../rag/threads/search-pool.ts';
import { JSON_TYPE } from './schemas.ts';

/**
 * What a route returns for work the search pool ran: the value of a run in this thread, or the
 * body a search thread already wrote as JSON bytes (the route's schema, which the type provider
 * cannot see in a Buffer).
 */
export function pooledReply<T>(reply: FastifyReply, out: PoolResult<T>): T | FastifyReply {
  return 'json' in out ? reply.type(JSON_TYPE).send(out.json) : out.value;
}
