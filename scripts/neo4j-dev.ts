import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// npm run neo4j:dev
//
// A local Neo4j 5 community server (tests/neo4j-server/): Bolt on 127.0.0.1:$NEO4J_DEV_PORT
// (7687), user neo4j, password $NEO4J_PASSWORD (changeme-please), data in a temporary folder
// unless NEO4J_DEV_DATA names one. Prints one line, the Bolt URI, on stdout when it is ready;
// everything else goes to stderr. SIGINT or SIGTERM stops it cleanly.
//
// The first start compiles the module and resolves its dependencies with Maven (Maven Central,
// about 170 MB into ~/.m2); later starts run `java` directly.

const MODULE = path.resolve(import.meta.dirname, '../tests/neo4j-server');
const TARGET = path.join(MODULE, 'target');
const CLASSPATH_FILE = path.join(TARGET, 'classpath.txt');
const CLASS_FILE = path.join(TARGET, 'classes/oversightgraph/DevServer.class');
const SOURCES = [path.join(MODULE, 'pom.xml'), path.join(MODULE, 'src/main/java/oversightgraph/DevServer.java')];
const HEAP = process.env.NEO4J_DEV_HEAP ?? '1g';

function fail(message: string): never {
  process.stderr.write(`neo4j:dev: ${message}\n`);
  process.exit(1);
}

function has(command: string): boolean {
  return spawnSync(command, ['-version'], { stdio: 'ignore' }).error === undefined;
}

function mtime(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

/** Compiled and its classpath written since the pom or the class last changed. */
function upToDate(): boolean {
  const built = Math.min(mtime(CLASSPATH_FILE), mtime(CLASS_FILE));
  return built > 0 && SOURCES.every((s) => mtime(s) <= built);
}

if (!has('java')) fail('java not found: install a JDK 17 or later (Debian: apt-get install default-jdk-headless)');

if (!upToDate()) {
  if (!has('mvn')) fail('mvn not found: install Maven to build the server once (Debian: apt-get install maven)');
  process.stderr.write('neo4j:dev: building tests/neo4j-server with Maven (the first time downloads Neo4j from Maven Central)\n');
  // Maven writes its errors to stdout: send them to stderr, stdout carries only the Bolt URI
  const built = spawnSync('mvn', ['-q', '-B', '-Dstyle.color=never', '-f', path.join(MODULE, 'pom.xml'), 'compile', 'dependency:build-classpath', `-Dmdep.outputFile=${CLASSPATH_FILE}`], {
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (built.status !== 0) fail(`the Maven build of tests/neo4j-server failed (exit ${built.status ?? built.signal}); see the lines above`);
}

const classpath = [path.join(TARGET, 'classes'), fs.readFileSync(CLASSPATH_FILE, 'utf8').trim()].join(path.delimiter);
const server = spawn('java', [`-Xmx${HEAP}`, '-XX:+UseSerialGC', '-cp', classpath, 'oversightgraph.DevServer'], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('error', (error) => fail(`could not start java: ${error.message}`));
server.on('exit', (code, signal) => {
  // a stop asked for by a signal is a clean stop (the JVM exits 128 + the signal after its shutdown hooks)
  const stopped = signal === 'SIGINT' || signal === 'SIGTERM' || code === 130 || code === 143;
  process.exit(stopped ? 0 : (code ?? 1));
});
