import { createHash } from 'node:crypto';
import {
  type ClaimNode, type DocumentGraph, type OrganizationNode, type PersonNode, type QuoteNode, relProps,
} from '../../../server/model/graph.js';
import type { GraphStore } from '../../../server/store/port.js';

// One more document for the browser tests, written beside the sample corpus: a follow-up
// article that repeats an inspector's quote word for word (so the reader has another document
// to list for it), gives a different figure for a measure the corpus already states (so the
// claim shows a disagreement), and carries markup in its title, a speaker's name and a quote
// (so the page can be shown to print it as text). Built from what the store holds, so it stays
// right whatever the extraction rules make of the corpus. It is stored as a two-page scan read
// by OCR, the repeated quote on page 2, so the reader shows pages and the OCR warning.

export const FOLLOW_UP_ID = 'doc:e2e-follow-up';
export const HOSTILE_ORG_ID = 'org:e2e-campaign';
export const HOSTILE_QUOTE_ID = 'quote:e2e-hostile';
export const FOLLOW_UP_CLAIM_ID = 'claim:e2e-follow-up-figure';
/** Markup that would run or render if any of it reached innerHTML. */
export const HOSTILE_MARKUP = '<img src=x onerror="window.__injected=1"><script>window.__injected=2</script><b>bold</b>';
export const HOSTILE_ORG_NAME = `Campaign ${HOSTILE_MARKUP} for Safety`;
export const HOSTILE_QUOTE_TEXT = `${HOSTILE_MARKUP} claims must be tested in the open`;

export interface FollowUp {
  /** the quote repeated from the corpus, carried by two documents now */
  repeatedQuote: { id: string; text: string; speakerId: string; firstDocumentId: string };
  /** the corpus claim the follow-up contradicts */
  contradicted: { id: string; value: number; measure: string };
}

function requireValue<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`the seeded store has no ${what}: the browser-test fixture needs it`);
  return value;
}

export async function writeFollowUpDocument(store: GraphStore): Promise<FollowUp> {
  const speakerId = 'person:zoe-billingham';
  const speakerNode = requireValue(await store.getNode(speakerId), 'Zoë Billingham')?.node;
  const { quotes } = await store.quotes({ speakerId, limit: 200, offset: 0 });
  const repeated = requireValue(quotes.find((q) => q.text.startsWith('I have judged that Hampshire')) ?? quotes[0], 'quote by Zoë Billingham');
  const repeatedNode = requireValue(await store.getNode(repeated.id), 'quote node')?.node;
  const { claims } = await store.claims({ limit: 1000, offset: 0 });
  const contradicted = requireValue(
    claims.find((c) => c.measure.trim() && c.unit === 'count' && c.value === 436) ?? claims.find((c) => c.measure.trim() && c.unit === 'count'),
    'counted figure with a measure',
  );
  const newValue = contradicted.value + 27;
  const hampshire = (await store.getNode('org:hampshire-constabulary'))?.node;

  const lead = 'Watchdog verdict on Hampshire repeated as campaigners ask for more\n\n';
  const said = `HM Inspector of Constabulary Zoë Billingham said: ‘${repeated.text}’\n\n`;
  const figure = `${newValue} ${contradicted.measure}`;
  const figureLine = `Campaigners say the true number is ${figure}, not the figure first published.\n\n`;
  const hostileLine = `The Campaign for Safety wrote: “${HOSTILE_QUOTE_TEXT},” in its submission.\n`;
  const text = lead + said + figureLine + hostileLine;
  const quoteStart = text.indexOf(repeated.text);
  const figureStart = text.indexOf(figure);
  const hostileStart = text.indexOf(HOSTILE_QUOTE_TEXT);
  const nameStart = text.indexOf('Zoë Billingham');

  const person: PersonNode = {
    id: speakerId,
    name: speakerNode.name,
    aliases: (speakerNode.properties.aliases as string[] | undefined) ?? [],
    kind: (speakerNode.kind ?? 'inspector') as PersonNode['kind'],
    titles: (speakerNode.properties.titles as string[] | undefined) ?? [],
  };
  const organizations: OrganizationNode[] = [{ id: HOSTILE_ORG_ID, name: HOSTILE_ORG_NAME, aliases: [], kind: 'charity' }];
  if (hampshire) {
    organizations.push({
      id: hampshire.id, name: hampshire.name, aliases: (hampshire.properties.aliases as string[] | undefined) ?? [], kind: (hampshire.kind ?? 'force') as OrganizationNode['kind'],
    });
  }
  const repeatedQuote: QuoteNode = {
    id: repeated.id, text: repeated.text,
    startOffset: Number(repeatedNode.properties.startOffset ?? 0), endOffset: Number(repeatedNode.properties.endOffset ?? 0),
    documentId: String(repeatedNode.properties.documentId ?? repeated.sources[0]?.documentId),
  };
  const hostileQuote: QuoteNode = {
    id: HOSTILE_QUOTE_ID, text: HOSTILE_QUOTE_TEXT, startOffset: hostileStart, endOffset: hostileStart + HOSTILE_QUOTE_TEXT.length, documentId: FOLLOW_UP_ID,
  };
  const claim: ClaimNode = { id: FOLLOW_UP_CLAIM_ID, text: figure, value: newValue, unit: 'count', measure: contradicted.measure };
  const at = (start: number, length: number) => ({ docId: FOLLOW_UP_ID, startOffset: start, endOffset: start + length });

  const graph: DocumentGraph = {
    document: {
      id: FOLLOW_UP_ID,
      title: 'Watchdog verdict repeated <i>word for word</i>',
      publisher: 'The Test Gazette',
      url: 'javascript:alert(1)',
      publishedAt: '2017-01-05',
      kind: 'news',
      text,
      sha256: createHash('sha256').update(text).digest('hex'),
      fileName: 'e2e-follow-up.txt',
      paths: ['e2e-follow-up.txt'],
      corpus: null,
      textSource: 'ocr',
      pageStarts: [0, text.indexOf(said)],
      ocrPages: [1, 2],
    },
    people: [person],
    organizations,
    reports: [],
    quotes: [repeatedQuote, hostileQuote],
    claims: [claim],
    relationships: [
      { type: 'SAID', from: speakerId, to: repeated.id, props: relProps(at(quoteStart, repeated.text.length)) },
      { type: 'QUOTED_IN', from: repeated.id, to: FOLLOW_UP_ID, props: relProps(at(quoteStart, repeated.text.length)) },
      { type: 'SAID', from: HOSTILE_ORG_ID, to: HOSTILE_QUOTE_ID, props: relProps(at(hostileStart, HOSTILE_QUOTE_TEXT.length)) },
      { type: 'QUOTED_IN', from: HOSTILE_QUOTE_ID, to: FOLLOW_UP_ID, props: relProps(at(hostileStart, HOSTILE_QUOTE_TEXT.length)) },
      { type: 'STATES', from: FOLLOW_UP_ID, to: FOLLOW_UP_CLAIM_ID, props: relProps(at(figureStart, figure.length)) },
      { type: 'MENTIONS', from: FOLLOW_UP_ID, to: speakerId, props: relProps({ docId: FOLLOW_UP_ID, count: 1, spanStarts: [nameStart], spanEnds: [nameStart + 'Zoë Billingham'.length] }) },
      { type: 'MENTIONS', from: FOLLOW_UP_ID, to: HOSTILE_ORG_ID, props: relProps({ docId: FOLLOW_UP_ID, count: 1, spanStarts: [], spanEnds: [] }) },
      ...(hampshire ? [{ type: 'MENTIONS' as const, from: FOLLOW_UP_ID, to: hampshire.id, props: relProps({ docId: FOLLOW_UP_ID, count: 1, spanStarts: [text.indexOf('Hampshire')], spanEnds: [text.indexOf('Hampshire') + 9] }) }] : []),
    ],
  };
  await store.writeDocumentGraph(graph);
  return {
    repeatedQuote: { id: repeated.id, text: repeated.text, speakerId, firstDocumentId: repeatedQuote.documentId },
    contradicted: { id: contradicted.id, value: contradicted.value, measure: contradicted.measure },
  };
}
