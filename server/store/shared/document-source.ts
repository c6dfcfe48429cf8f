import { TEXT_SOURCES, type TextSource } from '../../model/graph.js';

// What a stored document says of where its text came from, read the same way from either
// store: a document stored before these properties existed reads as plain text without pages.

export function documentSource(props: Record<string, unknown>): { textSource: TextSource; pageStarts: number[]; ocrPages: number[] } {
  const source = props.textSource as TextSource;
  return {
    textSource: (TEXT_SOURCES as readonly string[]).includes(source) ? source : 'text',
    pageStarts: numbers(props.pageStarts),
    ocrPages: numbers(props.ocrPages),
  };
}

/** A list property as numbers: the Neo4j driver gives integers as objects, LadybugDB as numbers. */
export function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map((v) => Number(v)) : [];
}
