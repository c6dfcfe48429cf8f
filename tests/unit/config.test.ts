import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('configuration', () => {
  it('has working defaults for a bare machine', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.NEO4J_URI).toBeUndefined();
    expect(config.GRAPH_DATA_DIR).toMatch(/data\/graph$/);
  });

  it('refuses a bad value with one line naming the setting and the value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^configuration: PORT="eighty" is invalid/);
    expect(() => loadConfig({ NEO4J_URI: 'http://localhost:7474' })).toThrow(/NEO4J_URI.*bolt:\/\//);
  });

  it('accepts every Neo4j URI scheme a cluster or Aura uses', () => {
    for (const uri of ['bolt://localhost:7687', 'neo4j://cluster:7687', 'neo4j+s://x.databases.neo4j.io', 'bolt+ssc://h:7687']) {
      expect(loadConfig({ NEO4J_URI: uri }).NEO4J_URI).toBe(uri);
    }
  });
});
