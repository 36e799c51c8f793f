// Child process for the SIGKILL test: writes a large index into argv[2] and is killed midway.
import { writeIndex } from '../../../ingest/index-store/write.ts';
import { syntheticIndexData } from './synthetic-index.ts';

const dir = process.argv[2];
await writeIndex(dir, syntheticIndexData({ calls: 200, chunksPerCall: 100, dim: 128, seed: 3 }), { efConstruction: 400 });
