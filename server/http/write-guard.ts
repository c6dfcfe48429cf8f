import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';

// Who may change the graph. Reading needs nothing; uploads and corrections need the curator's
// token when one is set, and without one only this machine may write, and only to a server
// that listens on loopback alone (anyone who can reach a wider bind could otherwise write).

export interface WriteAccess {
  /** CURATOR_TOKEN: when set, every write carries `Authorization: Bearer <token>` */
  token?: string;
  /** the server listens only on a loopback address (HOST) */
  boundToLoopback: boolean;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address);
}

/** The line `npm start` warns with when writes can never be accepted, or null. */
export function writeAccessWarning(access: WriteAccess, host: string): string | null {
  if (access.token || access.boundToLoopback) return null;
  return `writes are refused: the server listens on ${host}, not loopback alone, and CURATOR_TOKEN is not set; set CURATOR_TOKEN to let curators upload documents and correct the graph`;
}

/** A 16-byte digest of each side, so the compare takes the same time whatever the lengths. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*;/i;

/**
 * Guards one write route. A simple cross-site form post can send urlencoded, multipart or
 * text/plain bodies without a preflight, so a write must be JSON, or multipart that carries
 * a header no form can set; PUT and DELETE need a preflight, which no CORS answer here allows.
 */
export function writeGuard(access: WriteAccess): RequestHandler {
  return (req, _res, next) => {
    const auth = req.headers.authorization;
    if (access.token) {
      if (!auth) { next(new AppError('UNAUTHORIZED', 'this write needs the curator token: send "Authorization: Bearer <CURATOR_TOKEN>"', 401)); return; }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
      if (!match || !sameToken(match[1]!, access.token)) { next(new AppError('FORBIDDEN', 'the curator token is wrong', 403)); return; }
    } else if (!access.boundToLoopback) {
      next(new AppError('FORBIDDEN', 'writes are refused: this server listens beyond loopback and has no CURATOR_TOKEN', 403)); return;
    } else if (!isLoopbackAddress(req.socket.remoteAddress)) {
      next(new AppError('FORBIDDEN', 'writes are accepted only from this machine when CURATOR_TOKEN is not set', 403)); return;
    }
    if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
      const type = req.headers['content-type'] ?? '';
      const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
      const multipartWithHeader = MULTIPART_TYPE.test(type) && (auth !== undefined || req.headers['x-requested-by'] !== undefined);
      if ((hasBody || req.method === 'POST') && !JSON_TYPE.test(type) && !multipartWithHeader) {
        next(new AppError('UNSUPPORTED_MEDIA_TYPE', MULTIPART_TYPE.test(type)
          ? 'a multipart upload needs an Authorization or X-Requested-By header, which a cross-site form cannot send'
          : 'a write takes a JSON body (Content-Type: application/json)', 415));
        return;
      }
    }
    next();
  };
}
