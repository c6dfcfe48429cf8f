import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../seed/extract/index.js';
import { testGazetteer } from './fixture-gazetteer.js';

const said = (text: string) =>
  extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer, speakerThreshold: 0 }).quotes.map((q) => [q.speaker, q.speakerKind]);

describe('speakers', () => {
  it('attributes "X said:" before and "said X" or "X said" after a quote', () => {
    expect(said('Gareth Lloyd said: “Every call will be answered.”')).toEqual([['Gareth Lloyd', 'person']]);
    expect(said('“Every call will be answered,” said Gareth Lloyd.')).toEqual([['Gareth Lloyd', 'person']]);
    expect(said('“Every call will be answered,” Gareth Lloyd told the committee.')).toEqual([['Gareth Lloyd', 'person']]);
  });

  it('resolves he and she to the latest person of that gender', () => {
    const text = 'Helen Porter chaired the meeting. Gareth Lloyd spoke next.\n\n“We were not told,” she said.\n\n“Nor were we,” he added.';
    expect(said(text)).toEqual([
      ['Helen Porter', 'person'],
      ['Gareth Lloyd', 'person'],
    ]);
  });

  it('gives "he" to the subject of the sentence before, not to a name there after a preposition', () => {
    const text = 'Rook Brereton told the committee about Gareth Lloyd’s letter.\n\n“It was never answered,” he said.';
    expect(said(text)).toEqual([['Rook Brereton', 'person']]);
    const agent = 'And Sorley Lazenby, answering a complaint made by Gareth Lloyd, said the rota would change.\n\nHe said: “We should have listened sooner.”';
    expect(said(agent)).toEqual([['Sorley Lazenby', 'person']]);
    // the name after the preposition is the only one that fits: it stays
    const only = 'Helen Porter met the panel with Gareth Lloyd on Monday.\n\nHe said: “The panel was told nothing.”';
    expect(said(only)).toEqual([['Gareth Lloyd', 'person']]);
  });

  it('resolves a second reference to the full name first introduced', () => {
    const text = 'Detective Superintendent Gareth Lloyd led the inquiry.\n\nMr Lloyd said: “The evidence was overwhelming.”\n\n“We followed every lead,” Lloyd added.';
    expect(said(text)).toEqual([
      ['Gareth Lloyd', 'person'],
      ['Gareth Lloyd', 'person'],
    ]);
  });

  it('attributes a quote to a report, the watchdog or a spokesperson body', () => {
    const text = [
      'HMICFRS published its report on Essex Police on Tuesday.',
      '“The force does not understand demand,” the report said.',
      '“Leaders must act quickly,” the watchdog said.',
      'A Home Office spokesperson said: “We will study the findings carefully.”',
    ].join('\n\n');
    const [report, ...rest] = said(text);
    expect(report?.[1]).toBe('report');
    expect(report?.[0]).toMatch(/report/);
    expect(rest).toEqual([
      ['HM Inspectorate of Constabulary and Fire & Rescue Services', 'organization'],
      ['Home Office', 'organization'],
    ]);
  });

  it('gives a partial quote to the subject of its sentence', () => {
    const text = 'Priti Patel met the chiefs on Monday. She called the delays “simply unacceptable to victims”.';
    expect(said(text)).toEqual([['Priti Patel', 'person']]);
  });

  it('gives an unattributed quote after another in the same paragraph the same speaker', () => {
    const text = '“The figures are stark,” said Priti Patel. “Every force must now respond.”';
    expect(said(text)).toEqual([
      ['Priti Patel', 'person'],
      ['Priti Patel', 'person'],
    ]);
  });

  it('resolves "according to X"', () => {
    expect(said('According to Helen Porter, “nobody checked the vetting records at all”.')).toEqual([['Helen Porter', 'person']]);
  });
});

describe('speakers introduced apart from their quotes', () => {
  it('gives a quote standing alone with no tag to the person the paragraph before introduces', () => {
    const text = 'Owen Hale, the national chair of the Police Federation, which represents 145,000 officers, was scathing.\n\n‘We do not object to removing people who should not be police officers. We object to a process with no appeal.’';
    expect(said(text)).toEqual([['Owen Hale', 'person']]);
    const reported = 'Speaking at headquarters, Chief Constable Ade Hart said the findings would be acted on.\n\n“Vetting is how we keep that promise, and we will get it right.”';
    expect(said(reported)).toEqual([['Ade Hart', 'person']]);
    const person = 'One of them is Kerry-Anne Bell, a 41-year-old nurse from Swindon, who reported an officer in 2022.\n\n\'I did not think anyone would believe me, because he was the police.\'';
    expect(said(person)).toEqual([['Kerry-Anne Bell', 'person']]);
  });

  it('reads "She goes on:" and "As the chief constable put it," as leads', () => {
    const text = 'Home Secretary Jane Ellery is on her feet.\n\nShe goes on:\n\n‘I have read every page of this report, and some of it made me feel sick.’';
    expect(said(text)).toEqual([['Jane Ellery', 'person']]);
    const put = 'I discussed the findings with the Chief Constable, Gwil Harcourt. As the Chief Constable put it to the panel on 5 April, ‘We cannot ask officers to cover five times the area.’';
    expect(said(put)).toEqual([['Gwil Harcourt', 'person']]);
  });

  it("gives a letter's \"you\" and \"your request\" to its addressee", () => {
    const text = 'Ms Aoife Hanlon\nBy email\n\nDear Ms Hanlon,\n\nYour request read as follows:\n\n"Please tell me how many officers were dismissed in each of the last three years."\n\nIn your reply you clarified: "By staff I mean police staff and PCSOs."';
    expect(said(text)).toEqual([['Aoife Hanlon', 'person'], ['Aoife Hanlon', 'person']]);
  });

  it('gives "the spokesperson added" to the body whose spokesperson spoke before, and "the Committee" to the committee', () => {
    const text = 'A Home Office spokesperson said: "We are grateful to officers."\n\nThe spokesperson added that the Government was "working closely with policing partners" on reform.';
    expect(said(text)).toEqual([['Home Office', 'organization'], ['Home Office', 'organization']]);
    const committee = 'The Justice Committee published its report today.\n\nThe Committee concluded: “No single organisation is responsible for the system.”';
    expect(said(committee)).toEqual([['Justice Committee', 'organization']]);
  });

  it("reads a body's response as what it said", () => {
    const text = "The Police Federation's response to that review was that its members were 'weary of being blamed for every failing of the system'.";
    expect(said(text)).toEqual([['Police Federation of England and Wales', 'organization']]);
  });
});

describe('short phrases that are terms, not quotations', () => {
  const texts = (text: string) => extractDocument(text, { docName: 't.txt', gazetteer: testGazetteer, speakerThreshold: 0 }).quotes.map((q) => q.text);

  it('drops a few quoted words nobody can be found to have said', () => {
    expect(texts("A source in government insists that it is not about a handful of 'rogue officers'.")).toEqual([]);
    expect(texts('Some officers we spoke to described annual health checks as a "tick-box exercise".')).toEqual([]);
  });

  it('drops a quoted name for a thing far from the verb, and keeps words used by a named speaker', () => {
    expect(texts('The report said Kent Police had introduced a quarterly “complaints learning review”, chaired by a chief officer.')).toEqual([]);
    expect(texts('It was a move the Police Federation has called ‘a charter for unfairness’.')).toEqual(['a charter for unfairness']);
    expect(texts('Minister Sean Tierney told BBC Radio 4’s Today programme that the report would make ‘uncomfortable reading’ for chiefs.')).toEqual(['uncomfortable reading']);
  });

  it('counts a hyphenated compound as one word, so a quoted compound is a term', () => {
    expect(texts("The union said staff had moved into what it described as 'officer-facing' roles.")).toEqual([]);
  });
});

describe('reports and publications as speakers', () => {
  it('gives a definition to the guidance that defines it, and a passive definition to the report', () => {
    const guidance = "Corruption matters. The College of Policing's Authorised Professional Practice (APP) on counter-corruption defines it as \"any behaviour by an officer that takes advantage of their role for a sexual purpose\".";
    expect(said(guidance)).toEqual([['Authorised Professional Practice on counter-corruption', 'report']]);
    const passive = 'HMICFRS published its report, Shining a Light, today.\n\nAbuse of position is defined as:\n\n‘any behaviour by a police officer that takes advantage of their position’';
    expect(said(passive)).toEqual([['Shining a Light', 'report']]);
  });

  it('gives "the report said" to the report the tag names, not to an older one named just before', () => {
    const text = 'HMICFRS published its report, Cleared to Serve: vetting decisions in policing, on Thursday.\n\nThe inspection follows the 2021 report, Standards Before Speed, which warned of shortcuts.\n\n“In the worst forces, we could not tell whether anyone had read the file at all,” the report said.';
    expect(said(text)).toEqual([['Cleared to Serve: vetting decisions in policing', 'report']]);
  });
});

describe('a speaker signed after a dash', () => {
  it('gives a quote standing alone to the person or body named after a dash', () => {
    expect(said('"Victims deserve far better than this from the police." — Jane Smith, Refuge')).toEqual([['Jane Smith', 'person']]);
    expect(said('“We accept every recommendation.” – Essex Police')).toEqual([['Essex Police', 'organization']]);
  });
});

describe('speakers in letters, reported speech and split quotes', () => {
  it('gives "I said:" to the person who signs the document', () => {
    const text = 'Speaking at the launch in November, I said: “Thank you to every volunteer who makes this work possible.”\n\nI accept the findings in full.\n\nGwen Pryce\nPolice and Crime Commissioner for Wessex';
    expect(said(text)).toEqual([['Gwen Pryce', 'person']]);
  });

  it('gives "It said:" to the body that opens the sentence before', () => {
    const text = 'The Police Federation supported the aim of the guidance but questioned its scope. It said: “Officers accept that they are held to a higher standard.”';
    expect(said(text)).toEqual([['Police Federation of England and Wales', 'organization']]);
  });

  it('reads a subject with an apostrophe in a tag, and a body after a verb opening a split quote', () => {
    expect(said('“The principle is right,” the Police Federation’s branch wrote, “but the draft is loose.”')[0]).toEqual(['Police Federation of England and Wales', 'organization']);
    const split = 'Aled Prytherch-Owen led the inspection.\n\n"Every force we visited had a group like this," said Mr Prytherch-Owen, "and most had no idea."';
    expect(said(split)).toEqual([['Aled Prytherch-Owen', 'person'], ['Aled Prytherch-Owen', 'person']]);
  });

  it('gives words quoted inside reported speech to the outermost speaker', () => {
    const text = 'Its regional director, Dervla McAlinden, said in a statement that the IOPC had found “too many cases where a red flag was simply forgotten”.';
    expect(said(text)).toEqual([['Dervla McAlinden', 'person']]);
  });

  it('lets the honorific tell apart two people with one surname', () => {
    const text = 'Kayleigh Dunphy and her brother Connor Dunphy both gave evidence.\n\nMs Dunphy said she would complain.\n\n"It makes me feel sick," she said.';
    expect(said(text)).toEqual([['Kayleigh Dunphy', 'person']]);
  });

  it('reads posts, statements printed in full and tabloid verbs as speech', () => {
    expect(said('Their uncle, Kofi Mensah, posted on Facebook: "The boy came home shaking and bruised on both arms."')).toEqual([['Kofi Mensah', 'person']]);
    const statement = 'Essex Police issued a statement on Sunday evening. Here it is in full:\n\n"We are aware of a video circulating on social media showing the arrest."';
    expect(said(statement)).toEqual([['Essex Police', 'organization']]);
    expect(said('Campaigner Nkechi Adeyemi, of the Centre for Women\'s Justice, blasted: "That is not accountability."')).toEqual([['Nkechi Adeyemi', 'person']]);
  });
});

describe('speakers in minutes of a meeting', () => {
  const minutes = [
    'Minutes of the meeting of the Wessex Police and Crime Panel',
    'PRESENT: Cllr Eirlys Pryce (Chair); Dr Tomás Pryce (Independent Member); Cllr Siân Pritchard',
    'ALSO PRESENT: Ms Carys Vaughan-Ellis, Police and Crime Commissioner; Mr Robert Haines, Panel Support Officer',
    'The Chair asked what the Commissioner was doing. The Commissioner replied that she had set up a monthly session. She said: "I am not prepared to accept another year of drift."',
    'Dr Pryce referred the Panel to the inspection report itself, which states: "The force still lacks enough trained investigators."',
    'Dr Pryce agreed. The Chair said: "Numbers tell us how often. Themes tell us why."',
    'After debate, the Panel resolved: "To ask the Commissioner for a written update by March."',
  ].join('\n\n');

  it('gives each quote to the member, the officer, the report or the panel it belongs to', () => {
    const x = extractDocument(minutes, { docName: 't.txt', gazetteer: testGazetteer, speakerThreshold: 0 });
    expect(x.quotes.map((q) => [q.speaker, q.speakerKind])).toEqual([
      ['Carys Vaughan-Ellis', 'person'],
      [expect.stringMatching(/report|inspection/), 'report'],
      ['Eirlys Pryce', 'person'],
      [expect.stringMatching(/Panel/), 'organization'],
    ]);
    expect(x.people.find((p) => p.name === 'Eirlys Pryce')?.roles.map((r) => r.title)).toContain('Chair');
  });
});

describe('she and he at a distance', () => {
  it('gives a far "she recalls" to the woman the piece keeps quoting, not to one named in passing', () => {
    const text = [
      'Roisin Hale makes tea the way she used to run an interview room.',
      'She is still, she says, “finding out who I am when I am not angry”.',
      '“I was moved off the team for my own welfare,” she says.',
      'The panel’s chair, Felicity Dunmore, described his conduct as “a sustained abuse of his rank”.',
      'Her husband, Declan Hale, a retired sergeant, sat in. He was, she says, the reason she did not withdraw.',
      '“There was a week I nearly gave the whole thing up,” she recalls.',
    ].join('\n\n');
    expect(said(text).map(([s]) => s)).toEqual(['Roisin Hale', 'Roisin Hale', 'Felicity Dunmore', 'Roisin Hale']);
  });
});

describe('subjects, namesakes and particles', () => {
  it('takes a name opening the clause as its subject, not the one inside its appositive', () => {
    const text = 'Gareth Llewellyn, representing Mr Hartley, said his client accepted the messages were "unprofessional and hurtful".';
    expect(said(text)).toEqual([['Gareth Llewellyn', 'person']]);
    const possessive = "Ashdown's representative, Martin Greaves, told the panel his client had been “naive and foolish” back then.";
    expect(said(possessive)).toEqual([['Martin Greaves', 'person']]);
  });

  it('gives "Sgt Morgan" to the Morgan not styled otherwise, and reads "ap" inside a name', () => {
    const text = 'Gareth Morgan is a federation representative. Ch Insp Bethan Morgan leads the team.\n\n“Most people I see are frightened,” Sgt Morgan says.';
    expect(said(text)).toEqual([['Gareth Morgan', 'person']]);
    expect(said('Dafydd ap Rhys, Unison branch secretary, said: “We had people in tears at their desks.”')).toEqual([['Dafydd ap Rhys', 'person']]);
  });

  it('gives "She said" after a quote standing alone to the woman just quoted', () => {
    const text = 'The panel chair, Adaeze Lowe, said: "We have considered the mitigation carefully."\n\nShe said the argument had been "of no assistance to him whatsoever".';
    expect(said(text)).toEqual([['Adaeze Lowe', 'person'], ['Adaeze Lowe', 'person']]);
  });
});

describe('leads without a verb of saying', () => {
  it('gives a whole sentence after "X was blunter:" to X, and a quote after "…, adding:" to the main subject', () => {
    expect(said("Tadhg Ó Briain, Unison's head of police staff, was blunter: 'You cannot run a control room that is short of a third of its staff.'"))
      .toEqual([['Tadhg Ó Briain', 'person']]);
    expect(said("The Home Office said it would 'study closely' the review's findings, adding: 'Coercive control ruins lives.'"))
      .toEqual([['Home Office', 'organization'], ['Home Office', 'organization']]);
  });
});

describe('"we" in a document that speaks for a body', () => {
  it('gives "we cautioned" in an FOI response to the force, and "in our report, we said" to the report', () => {
    const foi = 'Essex Police\n\nOur Ref: FOI-24/0093\n\nFreedom of Information request in relation to vetting.\n\nIn that response we also cautioned that the figures were "subject to change as investigations conclude".';
    expect(said(foi)).toEqual([['Essex Police', 'organization']]);
    const report = 'In our 2020 report, Guarding the Guardians: an inspection of counter-corruption, we said: "Forces cannot find corruption they are not looking for."';
    expect(said(report)).toEqual([['Guarding the Guardians: an inspection of counter-corruption', 'report']]);
  });
});

describe('speakers in court reports, interviews, wire copy and letters', () => {
  it('keeps a partial quote with the sentence subject when the sentence goes on after it', () => {
    const text = 'Essex Police brought the case.\n\nMarcus Feld, representing PC Dale Ormsby, said his client accepted the remarks were “grossly unprofessional” but denied that they showed how he treated the public.';
    expect(said(text)).toEqual([['Marcus Feld', 'person']]);
  });

  it('gives "the officer said" to the person the document gives a police rank', () => {
    const text = 'PC Dale Ormsby, 31, denied the charge. Marcus Feld questioned him.\n\n“I accept it was stupid,” the officer said.\n\nIn one message the officer wrote: “Another night wasted on this estate.”';
    expect(said(text)).toEqual([['Dale Ormsby', 'person'], ['Dale Ormsby', 'person']]);
  });

  it('lets "in its words" leave the clause subject speaking', () => {
    expect(said('The Police Federation has called the plan, in its words, ‘a fix for a problem nobody has’.')).toEqual([['Police Federation of England and Wales', 'organization']]);
  });

  it('gives a headline quote to the person named after its colon', () => {
    const text = '‘We counted every complaint twice’: Ruth Abara on ten years in standards\n\nRuth Abara spent ten years in the standards unit of Essex Police.';
    expect(said(text)[0]).toEqual(['Ruth Abara', 'person']);
  });

  it('reads an interview transcript: "I" is whoever answers, "you" the other party', () => {
    const text = [
      'Ruth Abara talks to Simon Kerr about her years in standards.',
      'SK: You once called the complaints system ‘a maze with no exit’. Do you still think so?',
      'RA: Less so. I told my chief at the time, ‘Publish the figures or someone else will.’ He did.',
      'SK: And the future?',
      'RA: Brighter than it was.',
      'Note: this interview has been edited for length.',
    ].join('\n\n');
    expect(said(text)).toEqual([['Ruth Abara', 'person'], ['Ruth Abara', 'person']]);
  });

  it('leaves a quote from someone the text does not name without a speaker, not with the speaker before', () => {
    const text = 'Ruth Abara said: “We were slow.” Then one sergeant wrote to her: “Thank you for saying it out loud.”\n\nAsked why, she said what her father told her: ‘Never let them see you flinch.’';
    expect(said(text)).toEqual([['Ruth Abara', 'person'], [null, null], [null, null]]);
  });

  it('finds the body behind "a College spokesperson" and behind a spokesperson after a sentence about it', () => {
    const text = [
      'The Home Office declined to comment on the figures, and the College of Policing said the list was growing.',
      '“The list is working,” a College spokesperson said.',
      'The IOPC confirmed on Friday that it had received a referral. A spokesperson said: “We will assess it.”',
    ].join('\n\n');
    expect(said(text)).toEqual([['College of Policing', 'organization'], ['Independent Office for Police Conduct', 'organization']]);
  });

  it('gives "It said" to the report the sentence before opens with', () => {
    const text = 'The figures come from the Home Office’s annual Vetting Outcomes Bulletin.\n\nThe bulletin found that dismissals had doubled. It said this “demands a closer look at recruitment”.';
    expect(said(text)).toEqual([['Vetting Outcomes Bulletin', 'report']]);
  });

  it('prefers the subject of the sentence before for he or she', () => {
    const text = 'Sgt Helen Porter thanked her colleague Sam Reyes for the new rota. She said: “Sam has carried this branch.”';
    expect(said(text)).toEqual([['Helen Porter', 'person']]);
  });

  it('gives words read from someone’s letter to its writer', () => {
    const text = 'Gareth Lloyd MP said his constituent Helen Porter had written to him last year. I will read a line of her letter: “Nobody told me vetting had holes in it.”';
    expect(said(text)).toEqual([['Helen Porter', 'person']]);
  });

  it('gives a quote after narration in its own paragraph to the person the narration is about', () => {
    const text = 'Ruth Abara, who runs a victims’ group, says the force is ‘good at announcing things’.\n\n‘I have sat in many meetings,’ she says.\n\nTold about Abara’s comments, Gareth Lloyd nods slowly. ‘She is entitled to be sceptical.’';
    expect(said(text).at(-1)).toEqual(['Gareth Lloyd', 'person']);
  });

  it('gives the office a lede names to the person the next sentence introduces', () => {
    const text = [
      'Commissioner attacks force over 101 waits',
      'The police and crime commissioner for Wessex has accused the force of “failing the people who pay for it” after new figures.',
      'Gareth Lloyd said he had written to the chief constable.',
      'The commissioner, who sets the force’s budget, said the public had been “patient for long enough”.',
    ].join('\n\n');
    expect(said(text)).toEqual([['Gareth Lloyd', 'person'], ['Gareth Lloyd', 'person']]);
  });

  it('gives "the judge" to the recorder or judge the report names', () => {
    const text = 'Sentencing, Recorder Helen Porter said the offence was “a grave breach of trust”.\n\n“You were trusted to protect her and you betrayed that trust,” the judge told him.';
    expect(said(text)).toEqual([['Helen Porter', 'person'], ['Helen Porter', 'person']]);
  });

  it('leaves an unnamed complainant and an anonymised officer without a speaker', () => {
    const text = [
      'Gareth Lloyd, defending, said: “He has lost everything.”',
      'In a statement read to the court, the victim, who cannot be identified for legal reasons, said: “I called for help because I believed they would protect me.”',
      'In interview, PC A said: “I believed he had a knife.”',
    ].join('\n\n');
    expect(said(text)).toEqual([['Gareth Lloyd', 'person'], [null, null], [null, null]]);
  });

  it('gives "He replied" to the one asked, not the one asking', () => {
    const text = 'Gareth Lloyd represented the officer. PC Dale Ormsby said he was ashamed. “I was exhausted,” he told the panel.\n\nMr Lloyd asked him whether he had ever spoken to a victim that way. He replied: “Never. I would never say those things.”';
    expect(said(text)).toEqual([['Dale Ormsby', 'person'], ['Dale Ormsby', 'person']]);
  });

  it('takes no possessor for the subject ("shared Mr Lloyd’s post with the comment:")', () => {
    const text = 'Gareth Lloyd posted a video of the arrest.\n\nThe police and crime commissioner, Helen Porter, shared Mr Lloyd’s post with the comment: “I have asked for an urgent briefing.”';
    expect(said(text)).toEqual([['Helen Porter', 'person']]);
  });

  it('gives a relative’s words to the relative named with the family surname, and leaves “the statement said” unattributed', () => {
    const text = [
      'Kayleigh Dunmore, 19, was attacked in May.',
      'Mum Donna Dunmore, 47, fumed: “He should be nowhere near a uniform.”',
      'Kayleigh’s dad Gary, 50, said he was left “sick to my stomach” by the outcome.',
      'Outside court, the family’s solicitor read a statement on behalf of Kayleigh’s aunt, Ruth Abara.',
      '“She was failed at every turn,” the statement said.',
    ].join('\n\n');
    expect(said(text)).toEqual([['Donna Dunmore', 'person'], ['Gary Dunmore', 'person'], [null, null]]);
  });

  it('gives "It added:" to the body quoted just before', () => {
    const text = 'The inquest heard evidence for two days.\n\nA spokesperson for Essex Police said: “Our thoughts are with the family.”\n\nIt added: “We have since changed how cells are checked.”';
    expect(said(text)).toEqual([['Essex Police', 'organization'], ['Essex Police', 'organization']]);
  });

  it('reads the subject past a relative clause, after ", but", and across "and said"', () => {
    const text = [
      'Essex Police, which investigated the complaint, said the officers had been “badly let down by training”.',
      'The Police Federation said it would respond in full, but its chair, Gareth Lloyd, told reporters the rise “does not mean officers are worse”.',
      'The Chair, Helen Porter, opened the meeting.',
      'The Chair thanked the Chief Constable and said that members would expect “an update at every meeting”.',
    ].join('\n\n');
    expect(said(text)).toEqual([['Essex Police', 'organization'], ['Gareth Lloyd', 'person'], ['Helen Porter', 'person']]);
  });

  it('takes the head of a role for a title: a commissioner’s chief executive is no commissioner', () => {
    const text = 'Present: Gareth Lloyd (Police and Crime Commissioner for Essex), Helen Porter (Chief Executive, Office of the Police and Crime Commissioner).\n\nA recording showed that the Commissioner had said “some of the claims are cranky”.';
    expect(said(text)).toEqual([['Gareth Lloyd', 'person']]);
  });

  it('reads tabloid participles as speech: "slamming it as ‘…’"', () => {
    const text = 'Donna Dunmore, 47, sat through the hearing.\n\nMrs Dunmore then turned her anger on the force, slamming it as ‘a closed shop that looks after its own’.';
    expect(said(text)).toEqual([['Donna Dunmore', 'person']]);
  });

  it('takes no preposition’s object for the subject of a clause that opens with a lowercase phrase', () => {
    const text = 'Gareth Lloyd, the College’s director of standards, told MPs the guidance was sound.\n\nUnder questioning from Helen Porter, Lloyd admitted the guidance was ‘overdue for revision’.';
    expect(said(text)).toEqual([['Gareth Lloyd', 'person']]);
  });

  it('leaves a respondent described by job and place unnamed', () => {
    const text = 'Helen Porter said: “We asked staff to tell us in their own words.”\n\nA call handler in the Midlands wrote: “I reported a sergeant and was moved to another team.”';
    expect(said(text)).toEqual([['Helen Porter', 'person'], [null, null]]);
  });

  it('withholds "he" when a name it could not confirm, taken up by "He" in the next sentence, stands after the last man it knows', () => {
    const text = [
      'Gareth Lloyd chairs the residents’ panel. He said: “We will publish every answer we get.”',
      'On Friday we also spoke to Radomir Quayle outside the station. He drives a taxi in the town.',
      'He said: “Nobody from the force ever came back to me.”',
    ].join('\n\n');
    expect(said(text)).toEqual([['Gareth Lloyd', 'person'], [null, null]]);
    // "She" cannot mean the man taken up as "He"; a run sharing its sentence with a known person is no stranger
    const she = text.replace('Gareth Lloyd chairs', 'Helen Porter chairs').replace('panel. He said', 'panel. She said').replace('He said: “Nobody', 'She said: “Nobody');
    expect(said(she)).toEqual([['Helen Porter', 'person'], ['Helen Porter', 'person']]);
    const known = 'Gareth Lloyd chairs the panel.\n\nOn Friday Gareth Lloyd visited Carver Street Chambers. He was there an hour.\n\nHe said: “Nobody came back to me.”';
    expect(said(known)).toEqual([['Gareth Lloyd', 'person']]);
  });

  it('knows Elaine as a woman’s name when "she" follows a sentence about her and another', () => {
    const text = 'Sgt Elaine Marsh thanked branch secretary Kelly Armitage for the new rota. She said: “Kelly has worked tirelessly on this.”';
    expect(said(text)).toEqual([['Elaine Marsh', 'person']]);
  });

  it('keeps "he" on the man the piece is about when the name before it is his colleague’s or sits in a fronted clause', () => {
    const text = [
      'Tom Rourke spent thirty years as a detective in Lancashire.',
      '“You learn to doubt yourself,” Rourke says.',
      'In one chapter he revisits an inquiry in which he and a colleague, Danny Hale, spent three weeks pursuing the wrong man.',
      '“The worst thing a detective can do is decide early,” he writes.',
    ].join('\n\n');
    expect(said(text)).toEqual([['Tom Rourke', 'person'], ['Tom Rourke', 'person']]);
    const court = 'District Judge Owen Price heard the case. Defence solicitor Mark Sowerby said his client was sorry.\n\nAfter hearing from Mr Sowerby, the judge turned to the defendant. He told her: “Spitting at anyone is disgusting.”';
    expect(said(court)).toEqual([['Owen Price', 'person']]);
  });
});

