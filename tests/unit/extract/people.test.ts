import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../seed/extract/index.js';
import { testGazetteer } from './fixture-gazetteer.js';

const peopleOf = (text: string) => extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer }).people;
const roles = (text: string, name: string) => peopleOf(text).find((p) => p.name === name)?.roles.map((r) => [r.title, r.organization]);

describe('people', () => {
  it('reads a title before the name and derives the kind from it', () => {
    const p = peopleOf('Chief Constable Rachel Moore opened the new station.');
    expect(p.map((x) => [x.name, x.kind])).toEqual([['Rachel Moore', 'chief-officer']]);
    expect(peopleOf('Police and Crime Commissioner Dan Harker welcomed it.')[0]?.kind).toBe('commissioner');
    expect(peopleOf('Home Secretary Priti Patel wrote to every force.')[0]?.kind).toBe('politician');
  });

  it('reads a role in apposition, with its organisation', () => {
    const text = 'Helen Porter, chief executive of the domestic abuse charity Women’s Aid, said the plan fell short.';
    expect(roles(text, 'Helen Porter')).toEqual([['chief executive', 'Women\'s Aid']]);
    expect(peopleOf(text)[0]?.kind).toBe('executive');
  });

  it('reads a role written before the name and set off by commas', () => {
    const text = 'HM Inspector of Constabulary, Wendy Cole, said: “Progress has been slow.”';
    expect(roles(text, 'Wendy Cole')?.[0]?.[0]).toBe('HM Inspector of Constabulary');
  });

  it('reads a letter signature: a name line followed by a job-title line', () => {
    const text = 'Dear Sir,\n\nWe do not hold the information you asked for in your request.\n\nYours faithfully\n\nTom Reeve\nDisclosure Officer\n\nEssex Police';
    expect(roles(text, 'Tom Reeve')).toEqual([['Disclosure Officer', 'Essex Police']]);
  });

  it('reads a role or a relation written before the name and closed by commas, taking the shortest such phrase', () => {
    expect(roles('According to its director general, Anand Sethi, the change will help.', 'Anand Sethi')).toEqual([['director general', null]]);
    expect(roles('Director of Standards at the College of Policing, Nkechi Barraclough-Reid, said the guidance was clear.', 'Nkechi Barraclough-Reid'))
      .toEqual([['Director of Standards', 'College of Policing']]);
    expect(peopleOf("Ms Quinlan's sister, Róisín Quinlan-Adeyemi, said on behalf of the family that they were grateful.").map((p) => p.name))
      .toContain('Róisín Quinlan-Adeyemi');
  });

  it('takes a name alone on its line followed by a title line for a signed foreword, anywhere in a document', () => {
    const text = 'We will be checking that they do.\n\nMairéad Fitzgibbon-Clarke\nHis Majesty’s Inspector of Constabulary\n\n1. Introduction\n\nForces must act.';
    expect(roles(text, 'Mairéad Fitzgibbon-Clarke')).toEqual([['His Majesty’s Inspector of Constabulary', null]]);
  });

  it('finds a person named as a contact, and one named with "The Rt Hon" before and "MP" after', () => {
    expect(peopleOf('Notes to editors\n\nMedia contacts: Jonah Featherstone-Akande, 07950 841 227').map((p) => p.name)).toEqual(['Jonah Featherstone-Akande']);
    expect(peopleOf('The Rt Hon Miranda Kessock MP\nHome Secretary\n\nDear Home Secretary,').map((p) => p.name)).toEqual(['Miranda Kessock']);
  });

  it('resolves a misspelt gazetteer name and keeps the variant as an alias', () => {
    const p = peopleOf('The review was ordered by home secretary Pritti Patel last year.');
    expect(p.map((x) => [x.name, x.aliases])).toEqual([['Priti Patel', ['Pritti Patel']]]);
  });

  it('takes a name for a person when a verb of saying follows an aside set off by commas', () => {
    expect(peopleOf('Tobin Achterberg, speaking outside the council chamber, said the budget was a fiction.').map((x) => x.name)).toEqual(['Tobin Achterberg']);
    expect(peopleOf('Rhiannon Velasquez, in a letter to the trustees, warned that the fund would run dry.').map((x) => x.name)).toEqual(['Rhiannon Velasquez']);
    // an aside alone, with no verb of saying after it, is no evidence
    expect(peopleOf('Tobin Achterberg, speaking outside the council chamber, met the protesters.').map((x) => x.name)).toEqual([]);
  });

  it('does not take places, bodies or titles for people', () => {
    const text = 'Essex Police and the Home Office met at Victoria Road in Chelmsford. The Home Secretary was absent. Police Scotland said nothing.';
    expect(peopleOf(text)).toEqual([]);
  });

  it('counts "Mr Reeve" and "Reeve" as mentions of the full name', () => {
    const p = peopleOf('Tom Reeve, a detective inspector, led the case. Mr Reeve retired in May. Reeve said he was proud.');
    expect(p).toHaveLength(1);
    expect(p[0]?.mentions).toHaveLength(3);
  });

  it('reads a byline, in capitals or not, and the letter a salutation names', () => {
    const p = peopleOf('Council cuts bite\n\nBy TOM REEVE, HOME AFFAIRS EDITOR\n\nThe council met on Monday to agree its budget for the year.');
    expect(p.map((x) => [x.name, x.roles.map((r) => r.title)])).toEqual([['Tom Reeve', ['home affairs editor']]]);
    expect(peopleOf('Dear Ms Okafor,\n\nThank you for your request.').map((x) => x.name)).toEqual(['Ms Okafor']);
  });

  it('takes an office written as a title for the person\'s role, not a body mentioned', () => {
    const x = extractDocument('The Police and Crime Commissioner for Essex, Dan Harker, wrote to the force.', {
      docName: 't.txt',
      gazetteer: { ...testGazetteer, organizations: [...testGazetteer.organizations, { id: 'opcc-essex', name: 'Office of the PCC for Essex', kind: 'commissioner-office', aliases: ['Police and Crime Commissioner for Essex'] }] },
    });
    expect(x.organizations.map((o) => o.name)).toEqual([]);
    expect(x.people[0]?.roles.map((r) => r.organization)).toContain('Office of the PCC for Essex');
  });
});

describe('people named by a first name alone', () => {
  it('takes a pseudonym or a first name with an age for a person, and later bare uses for the same one', () => {
    const text = 'The woman, whom we are calling Hannah, said the force had failed her. Hannah now lives in Exeter.\n\nSam, 34, said he had reported it twice.';
    const p = peopleOf(text);
    expect(p.map((x) => [x.name, x.mentions.length])).toEqual([['Hannah', 2], ['Sam', 1]]);
  });

  it('reads "The Devon and Cornwall Police Federation" as one body opening a sentence', () => {
    const x = extractDocument('The Devon and Cornwall Police Federation, which represents officers, said its members were "left in limbo".', {
      docName: 't.txt', gazetteer: { ...testGazetteer, organizations: [...testGazetteer.organizations, { id: 'dc', name: 'Devon and Cornwall Police', kind: 'force', aliases: [] }] },
    });
    expect(x.organizations.map((o) => o.name)).toEqual(['Devon and Cornwall Police Federation']);
  });
});

describe('people beside the bodies they work at', () => {
  it('keeps "Professor X of the University of Y" a person and a university, and matches "the deputy mayor" to her role', () => {
    const text = 'The review was led by Professor Ngozi Hart of the University of Wessex.\n\nProf Hart said the force had made “genuine progress”.\n\nWessex\'s Deputy Mayor for Policing and Crime, Tariq Clarke, said a response would follow.\n\n“We asked for an honest review,” said the deputy mayor.';
    const x = extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer });
    expect(x.people.map((p) => p.name)).toEqual(['Ngozi Hart', 'Tariq Clarke']);
    expect(x.organizations.map((o) => o.name)).toContain('University of Wessex');
    expect(x.quotes.map((q) => q.speaker)).toEqual(['Ngozi Hart', 'Tariq Clarke']);
  });
});

describe('first-name second references', () => {
  it('resolves a first name alone to the one person named in full with it, and not before them', () => {
    const text = 'Deborah Quinlan, 44, reported the assault in 2021. Her sister, Aoife Quinlan, went with her.\n\nDeborah said: “Nobody called me back.”';
    const people = peopleOf(text);
    expect(people.map((p) => p.name).sort()).toEqual(['Aoife Quinlan', 'Deborah Quinlan']);
    expect(people.find((p) => p.name === 'Deborah Quinlan')?.mentions.length).toBe(2);
    const quotes = extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer }).quotes;
    expect(quotes.map((q) => q.speaker)).toEqual(['Deborah Quinlan']);
  });
});

describe('pseudonyms', () => {
  it('takes a first name given as a pseudonym, and the quotes its "she" introduces', () => {
    const text = 'Ruth Abara runs the charity.\n\nOne of those women, who I will call Jess, agreed to share her story. “He said nobody would believe me,” she told me.\n\nAnother, Sam (not her real name), waited a year.';
    const people = peopleOf(text).map((p) => p.name);
    expect(people).toEqual(expect.arrayContaining(['Jess', 'Sam']));
    expect(extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer }).quotes.map((q) => q.speaker)).toEqual(['Jess']);
  });
});

describe('roles after a possessive body, and research centres', () => {
  it('reads "the College of Policing’s director of standards" as director of standards at the College', () => {
    expect(roles('Gareth Lloyd, the College of Policing’s director of standards, told MPs the guidance was sound.', 'Gareth Lloyd')).toEqual([['director of standards', 'College of Policing']]);
  });

  it('takes "Centre for Policing Research" as a body, not a person', () => {
    const text = 'Professor Helen Porter, who directs the university’s Centre for Policing Research, said the team had interviewed 46 officers.';
    expect(peopleOf(text).map((p) => p.name)).toEqual(['Helen Porter']);
    expect(extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer }).organizations.map((o) => o.name)).toContain('Centre for Policing Research');
  });
});

describe('family named by first name after "his wife"', () => {
  it('gives "His wife, Bernadette," the surname of the man the piece is about', () => {
    const text = 'Tom Rourke retired in 2015. Rourke now writes crime fiction.\n\nHis wife, Bernadette, who worked as a nurse, is less interested in the cases. “He brought it all home,” she says.';
    expect(peopleOf(text).map((p) => p.name)).toEqual(['Tom Rourke', 'Bernadette Rourke']);
  });
});

