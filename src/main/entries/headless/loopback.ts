import { isIP } from 'node:net';

/**
 * The headless host exposes the whole register to whoever can reach it, so it
 * may only listen on this machine's loopback interface.
 */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  switch (isIP(bare)) {
    case 4:
      return bare.startsWith('127.');
    case 6:
      return bare === '::1';
    default:
      return false;
  }
}
