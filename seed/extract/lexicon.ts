// Word lists the rules read. Data only: what counts as a verb of saying, a title, a role,
// an organisation word, and a small list of first names with their usual gender (used to tell
// who "he" or "she" is and to recognise a capitalised pair as a person's name).

const words = (s: string): string[] => s.trim().split(/\s+/);

const MALE_NAMES = words(`
  aaron adam adrian alan alastair alex alexander alistair andrew andy angus anthony antony archie arthur barry ben benjamin
  bernard bill billy bob boris brandon brendan brian bruce callum calum cameron carl charles charlie chris christopher clive
  colin craig dale damian damien dan daniel danny darren dave david dean declan dennis derek des desmond dominic don donald
  doug douglas duncan eddie edward ed elliot eric ewan frank fraser fred freddie gareth gary gavin geoff geoffrey george gerald
  gerry gordon graham grant greg gregory guy harry hamish harvey henry howard hugh hugo iain ian isaac jack jacob jake james
  jamie jason jeff jeremy jerry jim jimmy joe joel john johnny jon jonathan jordan joseph josh joshua julian justin keir keith
  kenneth kevin kieran kit lee leo leon lewis liam lloyd louis luke malcolm marcus mark martin matt matthew max michael mick
  mike nathan neil nicholas nick nigel noel norman oliver olly owen patrick paul pete peter phil philip quentin ralph ray raymond
  richard rick rob robert robin rod roger ronald ross roy rupert russell ryan sadiq sajid sam samuel scott sean sebastian shaun
  simon stan stanley stephen steve steven stewart stuart ted terry theo thomas tim timothy toby todd tom tommy tony trevor vernon
  victor vince vincent wayne will william zac zach
  connor conor liam niall ciaran ciarán cian darragh eoin eoghan oisin oisín padraig pádraig seamus séamus sean seán shane
  colm cormac donal dónal fergal fergus kieron ronan rory ruairi ruairí tadhg aled alun bryn dafydd dai dewi dylan emlyn emyr
  gareth geraint gethin glyn gwilym gwyn huw hywel idris ieuan iolo llyr llŷr meirion osian owain rhodri rhys steffan tomos
  tomás angus callum calum ewan finlay fraser hamish lachlan murray ruaridh alasdair
  abdul ade adebayo adewale ahmed ajay akash ali amir amit anand arjun asif ayo babatunde chidi chinedu chukwuma dev dhruv emeka
  faisal farhan femi hamza hassan ibrahim imran jamal kamal kareem karim kwame kwabena kofi kunle mohammed mohammad muhammad mustafa
  nikhil oluwaseun olu omar rahul raj rajesh ravi rohan sanjay segun sunil tariq tunde usman vikram wale yusuf zain
  andrzej bogdan dariusz jakub jan karol krzysztof marek mateusz piotr tomasz pavel dmitri nikolai stefan
  andre andré antoine darius dwayne errol everton jermaine leroy marlon tyrone winston delroy
  aidan alfie archie barney bobby caleb cameron dominic elliott felix finn freddie gabriel harvey jasper jude kai leon louie
  nathaniel oscar reece reuben rowan seb sebastian spencer stanley tobias toby warren wesley
  dermot giles ifan phillip
`);

const FEMALE_NAMES = words(`
  abigail ada alice alison amanda amber amelia amy andrea angela angie ann anna anne annette barbara bella beth bethany
  beverley bridget caroline carol carole catherine charlotte chloe christine claire clare cressida danielle debbie deborah
  debra denise diana diane donna dora eleanor elizabeth ella ellie emily emma esther eve evelyn fiona frances gemma georgia
  gillian grace hannah harriet hazel heather helen holly imogen isabel isabella jackie jacqui jane janet jasmine jayne jennifer
  jenny jess jessica jill jo joanna joanne jodie josephine joy judith judy julia julie karen kate katherine kathryn katie kay
  kelly kerry kim kirsty laura lauren leanne lesley linda lindsay lisa liz lorna louise lucy lydia lynn lynne maggie margaret
  maria marie marion martha mary maxine megan melanie michelle miriam molly nadine naomi natalie nicola nicky olivia pamela
  patricia paula pauline penny philippa polly priti rachel rebecca rosie rose ruth sally samantha sandra sara sarah sharon
  sheila shirley sian siobhan sophie stella stephanie sue susan suzanne suella tanya teresa theresa tina tracey tracy valerie
  vanessa vicky victoria wendy yvette yvonne zoe
  aoife caoimhe ciara clodagh deirdre dervla eimear fionnuala grainne gráinne niamh orla orlaith roisin róisín saoirse sinead
  sinéad siobhan siobhán una aisling aine áine mairead máiréad
  angharad bethan branwen carys catrin cerys eirlys elin eluned ffion gwen gwenllian gwenno heledd lowri mair megan meinir
  nia non rhian rhiannon seren sian siân sioned tegan eleri ffion llinos manon mererid nerys
  ailsa eilidh isla kirsty morag mhairi shona
  aaliyah abena adaeze adaora aisha amaka amara ama ayesha chiamaka chidinma chioma efua fatima folake funmi halima ifeoma imani
  kemi nadia nkechi ngozi nneka noor nusrat oluwakemi parveen priya rabia rani rukhsana sadia salma shabnam shanice sunita
  tanisha tolu yasmin yetunde zainab zara
  agnieszka aleksandra anna beata ewa katarzyna magdalena malgorzata marta natalia
  abigail amelia ava beatrice bella caitlin caitríona caitriona chelsea courtney darcey demi eloise evie felicity florence
  freya georgina gemma hollie india jade jodie kayleigh kayla keeley kelsey leah lily lola mia millie nicole paige poppy
  rebekah robyn rosa ruby scarlett shannon sienna skye tamsin tilly willow beryl brenda doreen gladys irene jean joan
  marjorie maureen mavis muriel norma peggy rita sylvia
  alys amira anjali carolyn cheryl dawn eileen elaine ellen farida henrietta jacqueline lorraine lowenna mandy meena zoë
  bernadette colette geraldine maxine noreen rosalind rosemary roisin róisín sinead sinéad una winifred yvette
`);

export const FIRST_NAME_GENDER: ReadonlyMap<string, 'm' | 'f'> = new Map([
  ...MALE_NAMES.map((n) => [n, 'm'] as const),
  ...FEMALE_NAMES.map((n) => [n, 'f'] as const),
]);

export const MALE_HONORIFICS = new Set(['mr', 'sir', 'lord']);
export const FEMALE_HONORIFICS = new Set(['ms', 'mrs', 'miss', 'dame', 'lady', 'baroness']);
export const HONORIFICS = ['Rt Hon', 'Right Honourable', 'Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Sir', 'Dame', 'Lord', 'Lady', 'Baroness', 'Professor', 'Prof', 'Rev', 'Cllr', 'Councillor'];

/** Verbs that report speech (past, present and the "has said" forms all follow from these). */
export const SPEECH_VERBS = words(`
  said says say told tells added adds commented comments explained explains stated states warned warns argued argues
  insisted insists noted notes claimed claims continued continues replied replies responded remarked admitted admits
  acknowledged concluded concludes declared wrote writes observed stressed stresses emphasised emphasized suggested suggests
  asked asks recalled urged urges announced confirmed maintained predicted cautioned conceded revealed reveals
  agreed complained complains countered retorted protested alleged reflected apologised highlighted clarified
  recalls agrees concedes acknowledges responds remarks observes declares confirms maintains announces reflects
  saying telling warning arguing insisting claiming explaining adding describing
  posted posts tweeted tweets messaged texted emailed began begins
  blasted slammed fumed raged hailed praised criticised criticized condemned demanded pleaded begged sobbed shouted
  joked quipped boasted snapped resolved recommended recommends indicated indicates signalled hinted submitted contended
  slams slamming blasts blasting fumes fuming rages raging
`);

/** Phrases that report speech as a verb does: "She goes on: '…'", "As the chief constable put it, '…'". */
export const SPEECH_PHRASES = [
  'went on', 'goes on', 'put it', 'puts it', 'pointed out', 'points out', 'hit back', 'hits back', 'hit out', 'hits out', 'lashed out',
  'summed up', 'spelled out', 'spelt out', 'issued a statement', 'issued the statement', 'released a statement', 'put out a statement',
];

/** A noun of saying whose content follows: "The federation's response was that its members were '…'". */
export const SPEECH_NOUN_SOURCE = String.raw`\b(?:response|reaction|reply|verdict|message|answer|conclusion|finding)\b(?=[^.!?]{0,80}\b(?:was|is|were)\b)`;

/** A character of an attribution's subject: no sentence end or quote mark, but an apostrophe in or after a word ("the Superintendents’ Association"). Needs the u flag. */
export const TAG_WORD_CHAR = String.raw`[^.!?"“”‘’\n]|(?<=\p{L})[’'](?=[\p{L}\s])`;

/** Every verb and phrase of saying as one regular-expression alternation (no group, no flags). */
export const SPEECH_ALTERNATION = [...SPEECH_PHRASES.map((p) => p.replace(/ /g, '\\s+')), ...SPEECH_VERBS].join('|');

/** Verbs that put a short phrase in someone's mouth: `called the report "horrifying"`. */
export const CHARACTERISING_VERBS = words(`called calls described describes branded brands labelled labeled dubbed termed vowed pledged promised defines defined accused accuses`);

/** Titles written before a name ("Chief Constable Stephen Watson"), longest first at use. */
export const TITLES_BEFORE_NAME = [
  "HM Chief Inspector of Constabulary", "HM Inspector of Constabulary", "Her Majesty's Inspector of Constabulary",
  "His Majesty's Inspector of Constabulary", "Her Majesty’s Inspector of Constabulary", "His Majesty’s Inspector of Constabulary",
  "Chief Inspector of Constabulary", "Inspector of Constabulary", "HM Inspector", "HM Chief Inspector",
  "Police and Crime Commissioner", "Police, Fire and Crime Commissioner", "Deputy Police and Crime Commissioner",
  "police and crime commissioner", "PCC", "Chief Constable", "Deputy Chief Constable", "Assistant Chief Constable",
  "Temporary Chief Constable", "Acting Chief Constable", "Metropolitan Police Commissioner", "Met Police Commissioner",
  "Met Commissioner", "Commissioner", "Deputy Commissioner", "Assistant Commissioner", "Deputy Assistant Commissioner",
  "Commander", "Detective Chief Superintendent", "Chief Superintendent", "Detective Superintendent", "Superintendent",
  "Detective Chief Inspector", "Chief Inspector", "Detective Inspector", "Inspector", "Detective Sergeant", "Sergeant", "Sgt",
  "Detective Constable", "Police Constable", "Det Ch Supt", "Det Chief Supt", "Det Supt", "Ch Supt", "Det Ch Insp",
  "Det Chief Insp", "Det Insp", "Ch Insp", "Det Sgt", "Det Con", "Supt", "Insp", "Cmdr", "Asst Ch Con", "Ch Con", "PC", "DC", "DS", "DI", "DCI", "DCS", "ACC", "DCC",
  "Home Secretary", "Shadow Home Secretary", "Prime Minister", "Policing Minister", "Minister for Policing",
  "Policing and Fire Minister", "Crime Minister", "Justice Secretary", "Shadow Justice Secretary", "Justice Minister",
  "Safeguarding Minister", "Minister", "Mayor", "Chancellor", "Labour MP", "Tory MP", "Conservative MP", "Lib Dem MP",
  "Liberal Democrat MP", "MP", "Chief Executive", "Chief Executive Officer", "CEO", "Director", "Director of Public Prosecutions",
  "Chairman", "Chairwoman", "Chair", "General Secretary", "President", "National Chair", "Councillor", "Cllr",
  "Victims' Commissioner", "Victims’ Commissioner", "Domestic Abuse Commissioner", "Information Commissioner",
  "Campaigner", "Activist", "Solicitor", "Barrister", "Lawyer", "Magistrate", "Judge", "Recorder", "Coroner", "Prosecutor",
];

/** Nouns that make an appositive a role: "Sandra Horley, chief executive of ...". */
export const ROLE_NOUNS = words(`
  executive director inspector commissioner constable secretary minister officer spokesman spokeswoman spokesperson
  chair chairman chairwoman head leader lead president manager founder co-founder mp professor lecturer researcher
  superintendent sergeant detective deputy analyst campaigner coordinator co-ordinator adviser advisor editor governor mayor
  councillor member solicitor barrister lawyer chief commander ceo dcc acc chancellor deputy investigator ombudsman
  representative rep organiser organizer trustee partner principal dean fellow expert author
  magistrate judge recorder coroner nurse doctor teacher midwife paramedic student activist volunteer officer
`);

/**
 * Words that name what an internal unit does ("Professional Standards Department", "People
 * Services", "Ethics and Integrity Board"): a name made of these and a unit word is part of
 * a body, not a body of its own.
 */
export const UNIT_FUNCTION_WORDS = words(`
  professional standards information management strategic executive ethics integrity people human resources legal
  corporate communications counter corruption anti joint negotiating consultative finance financial audit risk data
  protection digital vetting policy performance operations operational criminal investigation investigations public
  contact control room disclosure records business support training learning development workforce planning change
  transformation estates fleet procurement complaints conduct misconduct governance assurance compliance safeguarding
  head press media
  of and the for &
`);
export const UNIT_WORDS = words(`department unit team directorate branch board services service committee group panel office`);

/** Words that end an organisation's name and tell its kind. */
export const ORG_HEADWORDS: ReadonlyArray<readonly [string, string]> = [
  ['Constabulary', 'force'], ['Police', 'force'], ['Police Service', 'force'], ['Inspectorate', 'inspectorate'],
  ['Union', 'union'], ['Federation', 'union'], ['Trust', 'charity'], ['Foundation', 'charity'], ['Charity', 'charity'],
  ['Council', 'government'], ['Office', 'government'], ['Department', 'government'], ['Ministry', 'government'],
  ['Commission', 'regulator'], ['Authority', 'regulator'], ['Agency', 'government'], ['Ombudsman', 'regulator'],
  ['University', 'academic'], ['College', 'academic'], ['Institute', 'academic'], ['School', 'academic'],
  ['Association', 'other'], ['Society', 'charity'], ['Alliance', 'other'], ['Coalition', 'other'], ['Partnership', 'other'],
  ['Network', 'other'], ['Service', 'other'], ['Services', 'other'], ['Committee', 'other'], ['Board', 'other'],
  ['Group', 'other'], ['Panel', 'other'], ['Centre', 'other'], ['Center', 'other'],
  // newspapers and agencies ("the Mersey Courier", "Meridian Press"): words that end a title and little else
  ['Courier', 'media'], ['Gazette', 'media'], ['Herald', 'media'], ['Chronicle', 'media'], ['Echo', 'media'], ['Argus', 'media'],
  ['Advertiser', 'media'], ['Examiner', 'media'], ['Telegraph', 'media'], ['Observer', 'media'], ['Press', 'media'], ['Post', 'media'],
  ['Mercury', 'media'], ['Despatch', 'media'], ['Dispatch', 'media'], ['Ledger', 'media'], ['Sentinel', 'media'], ['Magazine', 'media'],
  ['Quarterly', 'media'], ['Radio', 'media'], ['Daily', 'media'], ['Sunday', 'media'], ['Evening', 'media'],
  // courts ("Stafford Crown Court", "Court of Appeal")
  ['Court', 'other'],
];

/** Words naming a body by its type, for "the charity Refuge" or "the union said". */
export const ORG_TYPE_NOUNS: ReadonlyArray<readonly [string, string]> = [
  ['charity', 'charity'], ['trade union', 'union'], ['union', 'union'], ['campaign group', 'charity'],
  ['pressure group', 'charity'], ['think tank', 'other'], ['think-tank', 'other'], ['watchdog', 'regulator'],
  ['force', 'force'], ['organisation', 'other'], ['organization', 'other'], ['group', 'other'],
];

/** Words for a relative: "Kayleigh's dad Gary", "His wife, Bernadette", never part of a name. */
export const KIN_WORDS = words(`
  mum dad mother father son daughter brother sister wife husband widow widower partner gran nan grandmother grandfather
  uncle aunt cousin niece nephew fiancee fiance girlfriend boyfriend
`);

/** Capitalised words that never begin or form a person's name on their own. */
export const NOT_NAME_WORDS = new Set(words(`
  the a an and or but if in on at of for to by with from as it its he she his her they them their we our you your i this that
  these those there here however but also yet so then when where while what who which why how mr mrs ms miss dr sir dame lord
  lady baroness professor prof rev cllr councillor police constabulary council office home secretary commissioner
  inspectorate inspector inspectors service services chief constable minister government report survey university college
  court department ministry trust union federation association agency authority commission nhs party committee board group
  centre center institute school foundation society charity news article crime reduction hm her his majesty majesty's
  january february march april may june july august september october november december monday tuesday wednesday thursday
  friday saturday sunday england wales britain british uk english welsh scotland scottish london national independent royal
  metropolitan met county city borough district north south east west northern southern eastern western greater
  prime deputy assistant detective superintendent sergeant commander director executive chairman chair president mayor
  shadow labour conservative tory liberal democrat mp mps act bill code standards freedom information data figures
  response request ref reference telephone email tel fax website yours dear kind regards sincerely faithfully thanks
  shockingly respondents forces force vetting reports findings abuse police's chiefs chief's staff officers officer
  det ch supt insp cmdr con asst sgt dept rt hon honourable
  post times guardian echo mail herald gazette mirror telegraph express chronicle observer journal argus courier sun
  prosecutor campaigner activist solicitor barrister lawyer magistrate judge recorder coroner reporter correspondent editor
  research list team unit directorate branch panel tribunal line helpline my lords lordships lordship
  later earlier yesterday today tonight tomorrow meanwhile separately now last next speaking asked instead still since
  although though despite because after before during under according following responding writing once both neither
  either every each many most some several other another former acting interim senior junior veteran campaigner
  campaigners lawyers critics ministers officials sources colleagues friends family relatives victims survivors
  only even just indeed instead overall previously recently currently finally first second third
  pc pcs pcso pcsos dc ds di dci acc dcc ceo cps ipcc iopc hmic hmicfrs npcc met pcc pccs bbc itv sky
`).concat(KIN_WORDS));

/** Last words that make a capitalised sequence a place, not a person. */
export const PLACE_WORDS = new Set(words(`
  street road avenue lane way drive square park gardens hall house centre center tower bridge station hospital school hotel
  court building headquarters hq stadium airport prison estate close crescent terrace place row green common wharf quay
`));

/** Nouns for a report-like document. */
export const REPORT_NOUNS = words(`report review survey inspection study inquiry investigation audit assessment findings analysis research`);
