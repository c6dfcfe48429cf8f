import type { DocumentGraph } from '../../model/graph.js';
import type { WriteSummary } from '../port.js';

/**
 * Each document in a write of its own, for when a batch was refused: one bad graph costs only
 * itself. The first error is rethrown once the others are in.
 */
export async function writeOneByOne(graphs: DocumentGraph[], write: (graph: DocumentGraph) => Promise<WriteSummary>): Promise<WriteSummary[]> {
  const out: WriteSummary[] = [];
  let failure: unknown = null;
  for (const graph of graphs) {
    try {
      out.push(await write(graph));
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure) throw failure;
  return out;
}
