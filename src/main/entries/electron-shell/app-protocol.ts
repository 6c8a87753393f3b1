import { readStaticFile } from '../headless/static-files';

/**
 * The renderer is served from a privileged custom scheme, never file://
 * (Electron's security guide): `app://register/…` maps onto the built
 * renderer folder and nothing else, with the right MIME types. The handler
 * is plain Node (Request → Response) so it is tested without Electron.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'register';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The scheme's privileges, registered before the app is ready: standard URLs, secure context, fetch. */
export const appSchemePrivileges = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } } as const;

export function appProtocolHandler(rendererFolder: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = parse(request.url);
    if (url === null || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const file = await readStaticFile(rendererFolder, url.pathname);
    if (file === null) return new Response('Not found', { status: 404 });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: { 'Content-Type': file.contentType, 'X-Content-Type-Options': 'nosniff' },
    });
  };
}

/**
 * Is this URL the register itself? Parsed and compared by scheme and host
 * (a string prefix would let `app://register.evil/` or a dev server's
 * look-alike through). The development server is honoured only when the
 * shell says it is not packaged.
 */
export function appUrlMatcher(devServerUrl: string | null): (url: string) => boolean {
  const dev = devServerUrl === null ? null : parse(devServerUrl);
  return (candidate) => {
    const url = parse(candidate);
    if (url === null) return false;
    if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
    return dev !== null && url.protocol === dev.protocol && url.host === dev.host;
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
