import { NODE_LABELS, NODE_PROPERTIES, REL_ENDPOINTS, REL_PROPERTIES, REL_TYPES, type NodeLabel, type PropertyType, type RelType } from '../../model/graph.js';

// LadybugDB needs declared tables. They follow the model: one node table per label, one
// relationship table per type with every FROM/TO pair the model allows.

const COLUMN_TYPE: Record<PropertyType, string> = { string: 'STRING', 'string[]': 'STRING[]', int: 'INT64', 'int[]': 'INT64[]', float: 'DOUBLE' };

const columns = (props: Record<string, PropertyType>): Record<string, string> =>
  Object.fromEntries(Object.entries(props).map(([name, type]) => [name, COLUMN_TYPE[type]]));

/** The model's properties as LadybugDB column types. */
export const NODE_COLUMNS = Object.fromEntries(NODE_LABELS.map((label) => [label, columns(NODE_PROPERTIES[label])])) as Record<NodeLabel, Record<string, string>>;
export const REL_COLUMNS: Record<string, string> = columns(REL_PROPERTIES);

export function schemaStatements(): string[] {
  const nodes = NODE_LABELS.map((label) => {
    const cols = Object.entries(NODE_COLUMNS[label]).map(([name, type]) => `${name} ${type}${name === 'id' ? ' PRIMARY KEY' : ''}`);
    return `CREATE NODE TABLE IF NOT EXISTS ${label}(${cols.join(', ')})`;
  });
  const rels = REL_TYPES.map((type) => {
    const pairs = REL_ENDPOINTS[type].map(([a, b]) => `FROM ${a} TO ${b}`);
    const cols = Object.entries(REL_COLUMNS).map(([name, t]) => `${name} ${t}`);
    return `CREATE REL TABLE IF NOT EXISTS ${type}(${[...pairs, ...cols].join(', ')})`;
  });
  return [...nodes, ...rels];
}

/**
 * A store made by an earlier version lacks the columns added since (CREATE ... IF NOT EXISTS
 * leaves its tables as they were): the statements that add those missing from `existing`.
 */
export function addedColumnStatements(table: NodeLabel | RelType, existing: ReadonlySet<string>): string[] {
  const wanted = (NODE_LABELS as readonly string[]).includes(table) ? NODE_COLUMNS[table as NodeLabel] : REL_COLUMNS;
  return Object.entries(wanted)
    .filter(([name]) => !existing.has(name))
    .map(([name, type]) => `ALTER TABLE ${table} ADD IF NOT EXISTS ${name} ${type}`);
}

/** A typed expression for a struct field: nulls inside UNWIND lists are otherwise bound as STRING. */
export function typedField(row: string, field: string, type: string): string {
  return type === 'STRING' ? `${row}.${field}` : `CAST(${row}.${field} AS ${type})`;
}
