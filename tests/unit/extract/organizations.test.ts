import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../seed/extract/index.js';
import { testGazetteer } from './fixture-gazetteer.js';

const orgsOf = (text: string) =>
  extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer }).organizations.map((o) => [o.name, o.kind, o.aliases]);

describe('organizations', () => {
  it('matches gazetteer names and aliases as whole words and canonicalises them', () => {
    expect(orgsOf('Staff at Essex Constabulary spoke to the IOPC.')).toEqual([
      ['Essex Police', 'force', ['Essex Constabulary']],
      ['Independent Office for Police Conduct', 'regulator', ['IOPC']],
    ]);
    expect(orgsOf('The HMICFRSX system and iopc.gov.uk are not bodies.')).toEqual([]);
  });

  it('needs the capital a name is written with, and more than a sentence-opening capital for a common word', () => {
    expect(orgsOf('They were treated with respect by everyone. Respect for the law matters.')).toEqual([]);
    expect(orgsOf('The charity Respect runs a helpline. Respect said calls had doubled.').map(([n]) => n)).toEqual(['Respect']);
  });

  it('turns an acronym defined in brackets into an alias of the body', () => {
    expect(orgsOf('The Centre for Policing Research (CPR) found delays. CPR said more was needed.')).toEqual([
      ['Centre for Policing Research', 'other', ['CPR']],
    ]);
  });

  it('finds unknown bodies by their shape, with a kind', () => {
    const o = orgsOf('The charity Safe Homes Now and Lakeland Constabulary met the University of Wessex and Borsetshire County Council.');
    expect(o.map(([n, k]) => [n, k])).toEqual([
      ['Safe Homes Now', 'charity'],
      ['Lakeland Constabulary', 'force'],
      ['University of Wessex', 'academic'],
      ['Borsetshire County Council', 'government'],
    ]);
  });

  it('merges "X Police" into "X Constabulary" for the same area', () => {
    expect(orgsOf('Lakeland Constabulary said so. Lakeland Police later agreed.')).toEqual([['Lakeland Constabulary', 'force', ['Lakeland Police']]]);
  });

  it('takes an acronym one letter off a known one as a typo of it', () => {
    expect(orgsOf('HMICFRS said it was concerned. In addition, HMICFS said progress was slow.')[0]?.[2]).toEqual(['HMICFRS', 'HMICFS']);
  });

  it('keeps a body whose name begins with a force name whole', () => {
    expect(orgsOf('Members of the Essex Police Federation and the Essex Police and Crime Panel met.').map(([n]) => n)).toEqual([
      'Essex Police Federation',
      'Essex Police and Crime Panel',
    ]);
  });
});

describe('bodies inside report titles', () => {
  it('finds no body "Police Response" inside the title "The Police Response to Coercive Control", but keeps a known force named in a title', () => {
    const text = 'The review, Left Waiting: The Police Response to Coercive Control, examined 312 files. Another, Home Truths: an inspection of Kent Police’s response to coercive control, followed in 2023.';
    expect(orgsOf(text).map(([n]) => n)).toEqual(['Kent Police']);
  });
});

describe('outlets', () => {
  it('takes a newspaper or agency the gazetteer does not know as a media body', () => {
    const orgs = orgsOf('Speaking to the Wessex Courier on Monday, the chair said the figures were stark. LONDON, June 12 (Harbour Press) – Forces dismissed more officers last year.');
    expect(orgs.filter((o) => o[1] === 'media').map((o) => o[0]).sort()).toEqual(['Harbour Press', 'Wessex Courier']);
  });
});

describe('what is not a body of its own', () => {
  it('leaves out a force’s own units and job titles, and keeps other bodies', () => {
    const names = orgsOf(
      'Essex Police said its Professional Standards Department had referred the case, and the Ethics and Integrity Board would review it. The Head of People Services wrote to staff. The Police Appeals Tribunal and the Police Remuneration Review Body will meet.',
    ).map((o) => o[0]);
    expect(names).not.toContain('Professional Standards Department');
    expect(names).not.toContain('Ethics and Integrity Board');
    expect(names).not.toContain('Head of People Services');
    expect(names).toEqual(expect.arrayContaining(['Essex Police', 'Police Appeals Tribunal', 'Police Remuneration Review Body']));
  });

  it('takes no force from a law or a list named after the police', () => {
    const orgs = orgsOf('Officers dismissed under the Police Act are added to the Police Barred List, Essex Police said.');
    expect(orgs.map((o) => o[0])).toEqual(['Essex Police']);
  });

  it('takes no one-word body from inside a quoted title-cased label', () => {
    expect(orgsOf('He breached the standard of ‘Authority, Respect and Courtesy’, the panel found.')).toEqual([]);
    expect(orgsOf('Forces were asked to sign its “Respect the Role” charter.')).toEqual([]);
    expect(orgsOf('The charity Respect said perpetrators must be challenged.').map((o) => o[0])).toEqual(['Respect']);
  });
});

describe('bodies named at a sentence start and through their units', () => {
  it('takes a one-word body opening a sentence when a clause or verb makes it a name, and a force speaking through its unit', () => {
    const orgs = orgsOf('Respect, which works with perpetrators, said the scheme must grow. Essex Police’s Professional Standards Department said it had acted.').map((o) => o[0]);
    expect(orgs).toEqual(['Respect', 'Essex Police']);
  });
});


describe('outlets and courts by their name words', () => {
  it('takes "Daily …", "… Radio", "… Mercury" as media and "… Crown Court" as a body; a press office is no body', () => {
    const orgs = orgsOf('She told the Daily Clarion and Wolds Radio what happened at Teesside Crown Court, the Wye Valley Mercury reported. The Press Office did not reply.');
    expect(orgs.map((o) => [o[0], o[1]])).toEqual([
      ['Daily Clarion', 'media'], ['Wolds Radio', 'media'], ['Teesside Crown Court', 'other'], ['Wye Valley Mercury', 'media'],
    ]);
  });
});
