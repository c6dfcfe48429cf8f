// A small gazetteer of our own for the unit tests, so they do not move when the shipped data does.
import type { GazetteerLike } from '../../../seed/extract/types.js';

export const testGazetteer: GazetteerLike = {
  organizations: [
    { id: 'essex-police', name: 'Essex Police', kind: 'force', aliases: ['Essex Constabulary'] },
    { id: 'hmicfrs', name: 'HM Inspectorate of Constabulary and Fire & Rescue Services', kind: 'inspectorate', aliases: ['HMICFRS'] },
    { id: 'iopc', name: 'Independent Office for Police Conduct', kind: 'regulator', aliases: ['IOPC'] },
    { id: 'home-office', name: 'Home Office', kind: 'government', aliases: [] },
    { id: 'womens-aid', name: "Women's Aid", kind: 'charity', aliases: ['Women’s Aid'] },
    { id: 'respect', name: 'Respect', kind: 'charity', aliases: [] },
    { id: 'police-federation', name: 'Police Federation of England and Wales', kind: 'union', aliases: ['Police Federation', 'PFEW'] },
  ],
  people: [
    { id: 'priti-patel', name: 'Priti Patel', aliases: [], kind: 'politician' },
    { id: 'andy-cooke', name: 'Andy Cooke', aliases: [], kind: 'inspector' },
  ],
};
