import { QueryRefusedError } from '../../errors.js';

// A first, explainable line of defence for the console. The database enforces read-only
// itself (read transactions, EXPLAIN / prepared-statement checks); this refuses the forms
// that read files, reach the network or administer the server, which a read-only
// transaction would still allow, and says why in words a user understands.

const FILE_OR_NETWORK: [RegExp, string][] = [
  [/\bLOAD\s+CSV\b/i, 'LOAD CSV reads files or URLs'],
  [/\bLOAD\s+FROM\b/i, 'LOAD FROM reads files'],
  [/\bLOAD\s+(EXTENSION\b|[`"']?[a-z_]+[`"']?\s*;?\s*$)/i, 'LOAD EXTENSION loads code'],
  [/\bCOPY\b/i, 'COPY reads or writes files'],
  [/\bATTACH\b|\bDETACH\s+DATABASE\b/i, 'ATTACH opens other databases'],
  [/\bINSTALL\b/i, 'INSTALL downloads extensions'],
  [/\b(EXPORT|IMPORT)\s+DATABASE\b/i, 'EXPORT/IMPORT DATABASE touches files'],
  [/\bapoc\s*\.\s*(load|import|export|systemdb)\b/i, 'APOC load, import and export procedures read or write files and URLs'],
];

const PROCEDURES: [RegExp, string][] = [
  [/\bapoc\s*\.\s*(cypher|periodic|trigger|custom|create|merge|refactor|nodes|do|atomic|lock|schema)\b/i, 'APOC procedures that write or run dynamic Cypher are not allowed'],
  [/\bdbms\s*\.|\bdb\s*\.\s*(create|drop|clear|checkpoint)|\bgds\s*\.|\btx\s*\.\s*setMetaData/i, 'administration procedures are not allowed'],
];

const WRITE_WORDS = /\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|ALTER|CHECKPOINT|FOREACH)\b/i;
const ADMIN = /\b(SHOW\s+(USERS|ROLES|PRIVILEGES|SERVERS|DATABASES?|SETTINGS|TRANSACTIONS)|TERMINATE\s+TRANSACTIONS?|GRANT|REVOKE|DENY|START\s+DATABASE|STOP\s+DATABASE|USE\s+\w+|BEGIN|COMMIT|ROLLBACK|CHECKPOINT)\b/i;

/** Replaces string literals and comments with spaces, so keywords inside them are not seen. */
export function codeOnly(query: string): string {
  return query.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:``|[^`])*`/g, (m) =>
    m.startsWith('`') ? m : ' '.repeat(m.length),
  );
}

/** Forms the database would let through a read-only transaction: every store calls this. */
export function refuseUnsafeForms(query: string): void {
  const code = codeOnly(query);
  const statements = code.split(';').filter((s) => s.trim());
  if (statements.length > 1) {
    throw new QueryRefusedError('multiple-statements', 'one statement at a time: the console runs a single read query');
  }
  for (const [pattern, why] of FILE_OR_NETWORK) {
    if (pattern.test(code)) throw new QueryRefusedError('file-access', `refused: ${why}; the console is read-only and cannot reach files or the network`);
  }
  for (const [pattern, why] of PROCEDURES) {
    if (pattern.test(code)) throw new QueryRefusedError('procedure', `refused: ${why}; the console is read-only`);
  }
  if (ADMIN.test(code)) throw new QueryRefusedError('admin', 'refused: administration and transaction commands are not allowed in the console');
  if (/\bCALL\b/i.test(code) && !/\bCALL\s*\{/i.test(code)) {
    const allowed = /\bCALL\s+(db\.(labels|relationshipTypes|propertyKeys|schema\.visualization|schema\.nodeTypeProperties|schema\.relTypeProperties)|show_tables|table_info|show_connection)\s*\(/i;
    if (!allowed.test(code)) throw new QueryRefusedError('procedure', 'refused: only schema procedures (db.labels, db.relationshipTypes, show_tables, table_info…) can be called from the console');
  }
}

/**
 * Early, worded refusal of plain writes, for the API. The stores do not rely on it: they
 * enforce read-only in the database, and the contract tests call them without it.
 */
export function guardConsoleQuery(query: string): void {
  refuseUnsafeForms(query);
  if (WRITE_WORDS.test(codeOnly(query))) {
    throw new QueryRefusedError('write', 'refused: the console is read-only; statements that create, change or delete data are not run');
  }
}
