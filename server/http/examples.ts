// Console examples in the Cypher both stores accept (no APOC, no dialect-only functions).

export const EXAMPLE_QUERIES = [
  { title: 'Who said what, with the document', query: 'MATCH (p:Person)-[:SAID]->(q:Quote)-[:QUOTED_IN]->(d:Document)\nRETURN p.name AS speaker, q.text AS quote, d.title AS document\nLIMIT 25' },
  { title: 'People and the roles documents give them', query: 'MATCH (p:Person)-[r:HOLDS_ROLE]->(o:Organization)\nRETURN p.name AS person, r.title AS role, o.name AS organisation\nLIMIT 50' },
  { title: 'Who is quoted most', query: 'MATCH (s)-[:SAID]->(q:Quote)\nRETURN coalesce(s.name, s.title) AS speaker, count(q) AS quotes\nORDER BY quotes DESC\nLIMIT 20' },
  { title: 'What is said in documents about each report', query: 'MATCH (r:Report)<-[:COVERS]-(d:Document)<-[:QUOTED_IN]-(q:Quote)\nOPTIONAL MATCH (s)-[:SAID]->(q)\nRETURN r.title AS report, coalesce(s.name, s.title) AS speaker, q.text AS quote, d.title AS document\nLIMIT 25' },
  { title: 'Who said what about a force', query: "MATCH (s)-[:SAID]->(q:Quote)-[:CONCERNS]->(o:Organization)\nRETURN coalesce(s.name, s.title) AS speaker, q.text AS quote, o.name AS about\nLIMIT 25" },
  { title: 'How a commissioner is connected to a union', query: "MATCH p = (a:Person {id: 'person:matthew-scott'})-[*1..4]-(b:Organization {id: 'org:unison'})\nRETURN p\nLIMIT 5" },
  { title: 'Which documents cover which reports', query: 'MATCH (d:Document)-[:COVERS]->(r:Report)\nOPTIONAL MATCH (o:Organization)-[:PUBLISHED]->(r)\nRETURN d, r, o\nLIMIT 50' },
  { title: 'Figures and where they come from', query: 'MATCH (d:Document)-[:STATES]->(c:Claim)\nOPTIONAL MATCH (c)-[:SOURCED_FROM]->(r:Report)\nRETURN c.text AS figure, c.measure AS measure, d.title AS document, r.title AS report\nLIMIT 50' },
  { title: 'Renamed bodies', query: 'MATCH (a:Organization)-[r:RENAMED_TO]->(b:Organization)\nRETURN a, r, b' },
  { title: 'Most mentioned organisations', query: 'MATCH (d:Document)-[m:MENTIONS]->(o:Organization)\nRETURN o.name AS organisation, count(d) AS documents\nORDER BY documents DESC\nLIMIT 20' },
];
