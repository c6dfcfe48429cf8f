import fs from 'node:fs';
import path from 'node:path';
import type { NodeLabel, Relationship, RelType } from '../../model/graph.js';
import { REL_ENDPOINTS } from '../../model/graph.js';
import type { Session } from './connections.js';

// LadybugDB's own bulk path: rows written to a CSV file and read by COPY FROM, several times
// faster than CREATE over a parameter list once a write carries thousands of rows (the
// parameters, not the insert, are what costs). A COPY has a fixed cost of tens of
// milliseconds, more than a small CREATE, so only a transaction this large copies.
//
// Two facts of LadybugDB (to 0.19.x) shape its use:
//  - a COPY that is rolled back after CREATEs committed since the last checkpoint loses those
//    nodes from the primary-key index (and can corrupt the process's heap): a transaction
//    that copies starts on a folded log (see ConnectionPool.write's `bulk`);
//  - its CSV reader keeps quotes inside list items and reads an empty field as null, so a
//    row whose text lists hold anything but plain words, or whose text is empty, goes by
//    parameters instead (see carries).

/** Nodes and relationships in one write from which COPY beats CREATE. */
export const BULK_ROWS = 5000;

/** Items a CSV list gives back exactly: no quotes, brackets, braces, commas, backslashes or line ends, and no space at either end. */
const PLAIN_ITEM = /^(?:[^\s'",[\]{}\\]|[^\s'",[\]{}\\][^'",[\]{}\\\r\n]*[^\s'",[\]{}\\])$/;

export type ColumnTypes = [name: string, type: string][];

/** Whether a COPY from CSV writes this row exactly as CREATE would. */
export function carries(row: Record<string, unknown>, columns: ColumnTypes): boolean {
  for (const [name, type] of columns) {
    const v = row[name];
    if (v == null) continue;
    if (type === 'STRING' && v === '') return false;
    if (type === 'STRING[]' && !(v as unknown[]).every((item) => typeof item === 'string' && PLAIN_ITEM.test(item))) return false;
  }
  return true;
}

function field(value: unknown, type: string): string {
  if (value == null) return '';
  if (type === 'STRING') return `"${String(value).replace(/"/g, '""')}"`;
  if (type.endsWith('[]')) return `"[${(value as unknown[]).join(',')}]"`;
  return String(value);
}

function csv(rows: Record<string, unknown>[], columns: ColumnTypes): string {
  const out: string[] = [];
  for (const row of rows) out.push(columns.map(([name, type]) => field(row[name], type)).join(','));
  return `${out.join('\n')}\n`;
}

function relationshipCsv(rels: readonly Relationship[], columns: ColumnTypes): string {
  const out: string[] = [];
  const props = (r: Relationship) => r.props as Record<string, unknown>;
  for (const r of rels) out.push(`${field(r.from, 'STRING')},${field(r.to, 'STRING')},${columns.map(([name, type]) => field(props(r)[name], type)).join(',')}`);
  return `${out.join('\n')}\n`;
}

/** parallel=false: the parallel reader refuses a line break inside a quoted field */
const OPTIONS = "header=false, escape='\"'";

/** A folder of the store's own for the CSV files of the write in flight; emptied before and after each. */
export class BulkFiles {
  /** `parallel` only for rows known to hold no line break in any text */
  constructor(private readonly folder: string, private readonly parallel = false) {}

  clear(): void {
    fs.rmSync(this.folder, { recursive: true, force: true });
  }

  private write(name: string, text: string): string {
    fs.mkdirSync(this.folder, { recursive: true });
    const file = path.join(this.folder, name);
    fs.writeFileSync(file, text);
    // a COPY statement takes its file as a literal
    return file.replace(/\\/g, '/').replace(/'/g, "\\'");
  }

  /** New nodes of one label by COPY FROM; every row must be `carries`-safe and absent from the table. */
  async copyNodes(s: Session, label: NodeLabel, rows: Record<string, unknown>[], columns: ColumnTypes): Promise<void> {
    await s.once(this.nodeCopy(label, rows, columns));
  }

  /** Relationships of one type between one pair of labels by COPY FROM; both ends must be stored. */
  async copyRelationships(s: Session, type: RelType, from: NodeLabel, to: NodeLabel, rels: readonly Relationship[], columns: ColumnTypes): Promise<void> {
    await s.once(this.relationshipCopy(type, from, to, rels, columns));
  }

  /** Writes the file of a node COPY and returns its statement. */
  nodeCopy(label: NodeLabel, rows: Record<string, unknown>[], columns: ColumnTypes): string {
    const file = this.write(`${label}.csv`, csv(rows, columns));
    return `COPY ${label}(${columns.map(([c]) => c).join(', ')}) FROM '${file}' (${OPTIONS}, parallel=${this.parallel})`;
  }

  /** Writes the file of a relationship COPY and returns its statement. */
  relationshipCopy(type: RelType, from: NodeLabel, to: NodeLabel, rels: readonly Relationship[], columns: ColumnTypes): string {
    const file = this.write(`${type}-${from}-${to}.csv`, relationshipCsv(rels, columns));
    const pair = REL_ENDPOINTS[type].length > 1 ? `, from='${from}', to='${to}'` : '';
    return `COPY ${type}(${columns.map(([c]) => c).join(', ')}) FROM '${file}' (${OPTIONS}, parallel=${this.parallel}${pair})`;
  }
}
