/**
 * What a serverless platform's Node.js launcher does on a cold start: import the function's entry
 * file and hand it each HTTP request. Accepts a `(req, res)` handler as the default export (or as
 * `default.default`, from a CommonJS bundle) or an object with a Web `fetch(request)` handler.
 * Environment: FUNCTION_ENTRY (absolute path), PORT; the function's own variables pass through.
 */
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

const module = await import(pathToFileURL(process.env.FUNCTION_ENTRY).href);
let handler = module.default;
if (handler && typeof handler === 'object' && 'default' in handler) handler = handler.default;

function fromFetch(fetchHandler) {
  return async (req, res) => {
    const url = `http://${req.headers.host ?? '127.0.0.1'}${req.url}`;
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const response = await fetchHandler(
      new Request(url, {
        method: req.method,
        headers: req.headers,
        ...(hasBody ? { body: Readable.toWeb(req), duplex: 'half' } : {}),
      }),
    );
    const headers = Object.fromEntries(response.headers);
    if (response.headers.has('set-cookie')) headers['set-cookie'] = response.headers.getSetCookie();
    res.writeHead(response.status, headers);
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

const listener =
  typeof handler === 'function'
    ? handler
    : handler && typeof handler.fetch === 'function'
      ? fromFetch(handler.fetch.bind(handler))
      : undefined;
if (!listener) throw new Error(`${process.env.FUNCTION_ENTRY} exports no handler`);
createServer(listener).listen(Number(process.env.PORT), '127.0.0.1');
